package cn.onenet.contracts;

import java.net.URI;

/**
 * One stable {@code type} URI per kind of problem (RFC 9457): part of the public HTTP contract, shared by the
 * gateway and every service.
 */
public final class ProblemTypes {

    private static final String BASE = "https://onenet.cn/problems/";

    public static final URI VALIDATION = URI.create(BASE + "validation");
    public static final URI INVALID_BODY = URI.create(BASE + "invalid-body");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI TRANSITION_REFUSED = URI.create(BASE + "transition-refused");
    public static final URI CONFLICT = URI.create(BASE + "conflict");
    /** A step sent with {@code If-Match} for a version of the order that is no longer the current one (412). */
    public static final URI ORDER_CHANGED = URI.create(BASE + "order-changed");
    public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI TOO_MANY_REQUESTS = URI.create(BASE + "too-many-requests");
    public static final URI SERVICE_UNAVAILABLE = URI.create(BASE + "service-unavailable");
    public static final URI INTERNAL = URI.create(BASE + "internal");

    /** A type for an HTTP status that no handler gave a more precise one. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_BODY;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : URI.create(BASE + "http-" + status);
        };
    }

    private ProblemTypes() {
    }
}
