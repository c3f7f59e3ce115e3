package cn.onenet.routing.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The append-only access audit: records are added, found, never changed or removed. */
public interface AccessAudit {

    /** Keeps the record durably before returning; throws if it can't (then nothing may be shown). */
    void append(PersonalDataAccess access);

    /** Records matching every non-null condition, newest first. */
    Page find(Filter filter, int page, int size);

    record Filter(UUID orderId, String actor, Instant from, Instant to) {
    }

    record Page(List<PersonalDataAccess> content, long totalElements) {
    }
}
