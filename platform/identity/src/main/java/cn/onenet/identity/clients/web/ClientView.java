package cn.onenet.identity.clients.web;

import cn.onenet.contracts.Channel;
import cn.onenet.identity.clients.ClientKind;
import cn.onenet.identity.clients.MachineClient;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A machine client as the API shows it: never its secret, nor the secret's hash.
 *
 * @param channel a channel system's channel (absent for a department system)
 * @param department a department system's code (absent for a channel system)
 * @param source {@code demo} (comes with the local stack) or {@code admin} (added by an administrator)
 * @param createdAt when an administrator added it, to the millisecond in the district's time (+08:00), as the
 *        services give times; {@code null} for a demo client
 * @param createdBy the administrator who added it (their token's subject); {@code null} for a demo client
 * @param enabled {@code false} once disabled: it gets no new tokens until its secret is rotated
 */
record ClientView(String clientId, ClientKind kind, @JsonInclude(JsonInclude.Include.NON_NULL) Channel channel,
        @JsonInclude(JsonInclude.Include.NON_NULL) String department, String source, OffsetDateTime createdAt,
        String createdBy, boolean enabled) {

    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

    static ClientView of(MachineClient client) {
        return new ClientView(client.clientId(), client.identity().kind(), client.identity().channel(),
                client.identity().department(), client.source().label(), at(client.createdAt()), client.createdBy(),
                client.enabled());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).atZone(DISTRICT).toOffsetDateTime();
    }
}
