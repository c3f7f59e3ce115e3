package cn.onenet.routing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where a list stopped, as the API hands it out ({@code next}) and takes it back ({@code after}): the position's
 * parts, joined by {@code :}, in an opaque URL-safe token, so that callers pass it on as it is rather than build one.
 * Each list reads and checks its own parts.
 */
public final class ListTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ListTokens() {
    }

    /** The token of a position of these {@code parts} (none holding a {@code :}). */
    public static String token(String... parts) {
        return ENCODER.encodeToString(String.join(":", parts).getBytes(StandardCharsets.US_ASCII));
    }

    /** The {@code count} parts {@code token} holds; empty if it is not a token of so many. */
    public static Optional<List<String>> parts(String token, int count) {
        try {
            List<String> parts = Arrays.asList(new String(DECODER.decode(token), StandardCharsets.US_ASCII)
                .split(":", -1));
            return parts.size() == count ? Optional.of(List.copyOf(parts)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
