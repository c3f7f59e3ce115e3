package cn.onenet.routing.workorder.web;

import cn.onenet.routing.workorder.WorkOrderStore.Position;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in the order list as the API hands it out ({@code next}) and takes it back ({@code after}): an opaque
 * token, URL-safe, so that callers pass it on as it is rather than build one.
 */
final class ListPositions {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ListPositions() {
    }

    static String token(Position position) {
        String text = position.acceptedAt().toEpochMilli() + ":" + position.id();
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position {@code token} names; empty if it is not one {@link #token} made. */
    static Optional<Position> read(String token) {
        try {
            String text = new String(DECODER.decode(token), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            Instant acceptedAt = Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon)));
            UUID id = UUID.fromString(text.substring(colon + 1));
            return Optional.of(new Position(acceptedAt, id));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
