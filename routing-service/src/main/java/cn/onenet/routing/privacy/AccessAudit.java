package cn.onenet.routing.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The append-only access audit: records are added, found, never changed or removed. */
public interface AccessAudit {

    /** Keeps the record durably before returning; throws if it can't (then nothing may be shown). */
    void append(PersonalDataAccess access);

    /**
     * Records matching every non-null condition, newest first (then by id): page {@code page} of {@code size}, or,
     * {@code after} a position a page ended at (not null), the {@code size} that follow it.
     */
    Page find(Filter filter, Position after, int page, int size);

    /** Which records: of an order (by id or tracking number), of who read, shown from (inclusive) to (exclusive). */
    record Filter(UUID orderId, String trackingNumber, String actor, Instant from, Instant to) {
    }

    /** The page's records, how many match in all, and the position of its last record if more follow (else null). */
    record Page(List<PersonalDataAccess> content, long totalElements, Position next) {
    }

    /** A place in the audit, newest first: when the data was shown, then the record's id. */
    record Position(Instant at, UUID id) {

        public static Position of(PersonalDataAccess access) {
            return new Position(access.at(), access.id());
        }
    }
}
