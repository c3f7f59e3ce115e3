package cn.onenet.routing.sla;

import java.time.Instant;

/** One change to a calendar year, kept forever: who, when, what it was before and after. */
public record CalendarChange(int year, String actor, Instant at, CalendarYear before, CalendarYear after) {
}
