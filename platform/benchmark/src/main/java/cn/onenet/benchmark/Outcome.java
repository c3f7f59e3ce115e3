package cn.onenet.benchmark;

/**
 * How one request ended: an HTTP answer (with the accepted request's id for a 202) or a client-side failure.
 *
 * @param status      the HTTP status, or 0 for a client error
 * @param requestId   the {@code id} of a 202's body, else null
 * @param clientError the kind of client failure ({@code timeout}, {@code connect-refused}, …), else null
 * @param problem     for an error answer, its Problem Details {@code type} and {@code title} if it had them
 */
record Outcome(int status, String requestId, String clientError, String problem) {

    static final String CLIENT_SATURATED = "client-saturated";

    static Outcome accepted(String requestId) {
        return new Outcome(202, requestId, null, null);
    }

    static Outcome http(int status) {
        return new Outcome(status, null, null, null);
    }

    static Outcome http(int status, String problem) {
        return new Outcome(status, null, null, problem);
    }

    static Outcome clientError(String kind) {
        return new Outcome(0, null, kind, null);
    }

    boolean isAccepted() {
        return status == 202 && requestId != null;
    }
}
