package cn.onenet.gateway.problem;

/**
 * A request header refused as the request is decoded ({@link HostHeader}, {@link ContentTypeHeader}): Reactor Netty
 * answers the request 400 and {@link RequestHeadProblems} puts in the problem, titled {@link #title()}, with what is
 * wrong and what to do (the message) and the header named under {@code errors}.
 */
final class RefusedHeader extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String header;

    private final String title;

    RefusedHeader(String header, String title, String detail) {
        super(detail, null, false, false);
        this.header = header;
        this.title = title;
    }

    /** The header refused. */
    String header() {
        return header;
    }

    String title() {
        return title;
    }
}
