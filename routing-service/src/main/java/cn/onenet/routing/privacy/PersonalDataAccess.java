package cn.onenet.routing.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One clear read of a requester's personal data, as the access audit keeps it (append-only, never changed).
 *
 * @param id the record's own id
 * @param at when the data was shown
 * @param actor who read it: a person's user name or a machine client's id
 * @param clientId the OAuth2 client the caller used
 * @param roles the caller's roles at the time
 * @param department the department system's own department, or {@code null}
 * @param orderId the order whose requester was read
 * @param trackingNumber that order's tracking number
 * @param fields the fields shown in clear ({@code name}, {@code phone}, {@code idNumber})
 * @param reason why, in the caller's words (required)
 * @param correlationId the request's correlation id, to find it in the logs
 */
public record PersonalDataAccess(UUID id, Instant at, String actor, String clientId, List<String> roles,
        String department, UUID orderId, String trackingNumber, List<String> fields, String reason,
        String correlationId) {

    public PersonalDataAccess {
        roles = roles == null ? List.of() : List.copyOf(roles);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
