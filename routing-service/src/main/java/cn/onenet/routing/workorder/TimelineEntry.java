package cn.onenet.routing.workorder;

import java.time.Instant;

/** One step of an order's life: what, when, who, for which department and why. Kept forever. */
public record TimelineEntry(long sequence, TimelineType type, Instant at, String actor, String department, String note) {
}
