package cn.onenet.gateway.problem;

import cn.onenet.contracts.MediaTypeRefusals;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A {@code Content-Type} Spring's parser fails on with an exception of its own instead of
 * {@code InvalidMediaTypeException} ({@code "a/b}: a quote where the type should begin): Spring reads the header as
 * it makes the exchange, before any filter, so such a request was left without an answer, its connection closed.
 * It is refused as the request is decoded, 400 Problem Details naming the header, as a {@code Host} that is none
 * ({@link HostHeader}). One Spring refuses as no media type is left to the routes (415 from the services).
 */
final class ContentTypeHeader {

    private ContentTypeHeader() {
    }

    /** The refusal of {@code request}'s Content-Type header; null when Spring can read it. */
    static RefusedHeader check(HttpRequest request) {
        String value = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (value == null) {
            return null;
        }
        try {
            MediaType.parseMediaType(value);
            return null;
        }
        catch (InvalidMediaTypeException ex) {
            return null;
        }
        catch (RuntimeException ex) {
            String message = MediaTypeRefusals.noMediaType(value, MediaTypeRefusals.unreadable(value));
            return new RefusedHeader("Content-Type", "Malformed Content-Type header",
                    "The Content-Type header could not be read (" + message + "); send a type/subtype such as "
                            + "application/json.");
        }
    }
}
