package cn.onenet.routing;

import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * The position a list's {@code after} names, read by {@code reader}; null when none is given. One the list did not
     * give ({@code reader} finds none), or a {@code page} among the call's {@code parameters} beside one, is a 400
     * naming it: the page after a position starts there.
     */
    public static <T> T after(String after, Map<String, ?> parameters, Function<String, Optional<T>> reader,
            String list) {
        if (after == null || after.isBlank()) {
            return null;
        }
        T position = reader.apply(after).orElseThrow(() -> new InvalidRequest(List.of(new FieldProblem("after",
                "is not a position this " + list + " gave: pass a page's next as it is"))));
        if (parameters.containsKey("page")) {
            throw new InvalidRequest(List.of(new FieldProblem("page",
                    "can't be combined with after: the page after a position starts there")));
        }
        return position;
    }

    /** A moment as a token's part: its epoch milliseconds (what the store keeps of it). */
    public static String part(Instant moment) {
        return String.valueOf(moment.toEpochMilli());
    }

    /** The moment a part made by {@link #part(Instant)} holds; {@link NumberFormatException} if it holds none. */
    public static Instant instant(String part) {
        return Instant.ofEpochMilli(Long.parseLong(part));
    }

    /**
     * The position {@code token} names, made by {@code position} from its {@code count} parts; empty if it is not a
     * token of so many, or a part is not what {@code position} reads (a number, an id, a moment, a name it knows:
     * {@code position} throws {@link IllegalArgumentException} or {@link DateTimeException} for one that is not).
     */
    public static <T> Optional<T> read(String token, int count, Function<List<String>, T> position) {
        try {
            List<String> parts = Arrays.asList(new String(DECODER.decode(token), StandardCharsets.US_ASCII)
                .split(":", -1));
            return parts.size() == count ? Optional.of(position.apply(List.copyOf(parts))) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
