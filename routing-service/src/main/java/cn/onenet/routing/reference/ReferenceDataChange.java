package cn.onenet.routing.reference;

import java.time.Instant;

/**
 * One change an administrator made to the reference data, as the audit trail keeps it.
 *
 * @param kind {@code department}, {@code category} or {@code community}
 * @param code the entry's code
 * @param actor who made it
 * @param at when
 * @param before the entry before ({@code null} when it was added)
 * @param after the entry after
 */
public record ReferenceDataChange(String kind, String code, String actor, Instant at, Object before, Object after) {
}
