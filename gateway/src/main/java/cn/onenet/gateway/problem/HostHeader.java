package cn.onenet.gateway.problem;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The Host header as RFC 9112 (section 3.2) has a server refuse it with 400: missing from an HTTP/1.1 request, given
 * more than once, or a value that is no {@code uri-host [ ":" port ]} (RFC 9110, section 7.2; the host as RFC 3986
 * has it, so a name with an underscore passes, as do an empty value and any port of digits).
 * <p>
 * The gateway's upstream addresses are fixed, so a Host header changes nothing it does; the check keeps a request
 * that two servers on its way could read differently (one Host or the other) from passing as one.
 */
final class HostHeader {

    /** Characters of an RFC 3986 reg-name besides letters, digits and percent-encodings. */
    private static final String REG_NAME_MARKS = "-._~!$&'()*+,;=";

    private HostHeader() {
    }

    /** Why {@code request}'s Host header is refused; null when it is not. */
    static RefusedHeader check(HttpRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return new RefusedHeader("Host", "Host header given twice",
                    "The request has " + hosts.size() + " Host headers; send exactly one.");
        }
        if (hosts.isEmpty()) {
            return HttpVersion.HTTP_1_1.equals(request.protocolVersion())
                    ? new RefusedHeader("Host", "Host header missing", "An HTTP/1.1 request must have a Host header: "
                            + "send the name or address the gateway was reached by, e.g. onenet.example.cn or "
                            + "127.0.0.1:8080.")
                    : null;
        }
        String host = hosts.get(0);
        String why = whyNoHost(host);
        return why == null ? null : new RefusedHeader("Host", "Malformed Host header",
                "The Host header '" + shortened(host) + "' is not a host name or address with an optional port ("
                        + why + "): send the name or address the gateway was reached by, e.g. onenet.example.cn or "
                        + "127.0.0.1:8080.");
    }

    /**
     * Takes the {@code ':'} of an empty port off {@code request}'s Host header ({@code localhost:} becomes
     * {@code localhost}, {@code :} the empty host), as RFC 3986 (section 6.2.3) has a normaliser do: Reactor Netty
     * reads the port with {@code Integer.parseInt} and answered such a request with an empty 400, where Tomcat takes
     * it. Call it on a request {@link #check} took.
     */
    static void dropEmptyPort(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null && host.endsWith(":") && (!host.startsWith("[") || host.endsWith("]:"))) {
            request.headers().set(HttpHeaderNames.HOST, host.substring(0, host.length() - 1));
        }
    }

    /** Why {@code value} is no {@code uri-host [ ":" port ]}; null when it is one. */
    static String whyNoHost(String value) {
        int portAt;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return "an IPv6 address without its closing ]";
            }
            try {
                new URI("http://" + value.substring(0, end + 1) + "/").parseServerAuthority();
            }
            catch (URISyntaxException ex) {
                return "'" + shortened(value.substring(0, end + 1)) + "' is no IPv6 address";
            }
            portAt = end + 1;
            if (portAt < value.length() && value.charAt(portAt) != ':') {
                return "'" + value.charAt(portAt) + "' after the address, at index " + portAt;
            }
        }
        else {
            int colon = value.indexOf(':');
            portAt = colon < 0 ? value.length() : colon;
            for (int i = 0; i < portAt; i++) {
                char c = value.charAt(i);
                if (c == '%' && i + 2 < portAt && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                    i += 2;
                }
                else if (!isAsciiLetterOrDigit(c) && REG_NAME_MARKS.indexOf(c) < 0) {
                    return "'" + printable(c) + "' at index " + i + " may not be in a host name";
                }
            }
        }
        long port = 0;
        for (int i = portAt + 1; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return "the port may only have digits, not '" + printable(value.charAt(i)) + "' at index " + i;
            }
            port = Math.min(port * 10 + value.charAt(i) - '0', Integer.MAX_VALUE);
        }
        return port > 65_535 ? "the port is above 65535" : null;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String printable(char c) {
        return c < ' ' || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static String shortened(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }
}
