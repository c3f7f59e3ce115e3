package cn.onenet.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * Request lines and headers longer than the gateway's HTTP decoder takes are refused before any handler runs; the
 * caller still gets Problem Details saying what was too long and the limit.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestHeadLimitsIntegrationTests extends GatewayIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Test
    void forwardsAQueryOfSeveralThousandCharacters() {
        String phones = "1".repeat(5000);

        web.get().uri("/api/v1/requests?phone={phone}", phones)
            .exchange()
            .expectStatus().isOk();

        assertThat(ROUTING.received()).singleElement()
            .satisfies(request -> assertThat(request.query()).isEqualTo("phone=" + phones));
    }

    @Test
    void answersARequestLineOverTheLimitWith414ProblemDetails() {
        web.get().uri("/api/v1/requests?phone={phone}", "1".repeat(9000))
            .exchange()
            .expectStatus().isEqualTo(414)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/request-too-large")
            .jsonPath("$.title").isEqualTo("Request line too long")
            .jsonPath("$.status").isEqualTo(414)
            .jsonPath("$.maxBytes").isEqualTo(8192)
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("8192 bytes"))
            .jsonPath("$.correlationId").isNotEmpty();
        assertThat(ROUTING.received()).isEmpty();
    }

    @Test
    void answersHeadersOverTheLimitWith431ProblemDetails(CapturedOutput output) {
        web.get().uri("/api/v1/requests")
            .header("X-Filler", "x".repeat(20 * 1024))
            .header("X-Correlation-Id", "too-many-headers")
            .exchange()
            .expectStatus().isEqualTo(431)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/request-too-large")
            .jsonPath("$.title").isEqualTo("Request headers too large")
            .jsonPath("$.status").isEqualTo(431)
            .jsonPath("$.maxBytes").isEqualTo(16384)
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("16384 bytes"));
        assertThat(ROUTING.received()).isEmpty();
        // one line says what happened (the gateway's access line), not also Reactor Netty's warning with the headers
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
            .containsPattern("\"request not decoded, answered 431: .*\"status_code\":431"));
        assertThat(output.getOut()).doesNotContain("Decoding failed");
    }

    /**
     * A query with a bare {@code %} (a channel system's search for {@code 138%}) is no URI: Spring answers it 400
     * before any filter runs, and had done so with an empty body. The caller now reads what is wrong and how to send
     * it; the connection stays usable.
     */
    @Test
    void answersAnAddressThatIsNoUriWithProblemDetailsSayingHowToEncodeIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/requests?phone=138% HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .containsIgnoringCase("x-correlation-id: ")
                .contains("\"type\":\"https://onenet.cn/problems/validation\"", "\"title\":\"Malformed address\"",
                        "percent-encode it, e.g. % as %25");

            out.write("GET /api/v1/catalogue HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 401");
        }
        assertThat(ROUTING.received()).isEmpty();
    }

    /**
     * A Host header that is no host and port (a proxy's mistake, or a client's) is refused by Reactor Netty with an
     * empty 400 before Spring sees the request, and was not even on the access log. The caller now reads which header
     * is wrong; the operator sees the line.
     */
    @Test
    void answersAHostHeaderThatIsNoHostWithProblemDetails(CapturedOutput output) throws Exception {
        String answer = answerTo("GET /api/v1/catalogue HTTP/1.1\r\nHost: onenet.example.cn:80a\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
            .containsIgnoringCase("x-correlation-id: ").containsIgnoringCase("connection: close")
            .contains("\"type\":\"https://onenet.cn/problems/validation\"", "\"title\":\"Malformed Host header\"",
                    "The Host header 'onenet.example.cn:80a' is not a host name or address with an optional port "
                            + "(the port may only have digits, not 'a' at index 20)",
                    "\"errors\":[{\"field\":\"Host\"", "\"correlationId\":");
        assertThat(ROUTING.received()).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
            .contains("request not decoded, answered 400"));
    }

    /**
     * RFC 9112 (section 3.2) has a server answer 400 to an HTTP/1.1 request without a Host header and to any with two:
     * a proxy on the way might read the one and the gateway the other. The gateway took both and passed them on.
     */
    @Test
    void refusesARequestWithoutAHostOrWithTwo() throws Exception {
        assertThat(answerTo("POST /api/v1/requests HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"))
            .startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close")
            .contains("\"title\":\"Host header missing\"", "\"field\":\"Host\"");
        assertThat(answerTo("POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
                + "Content-Length: 2\r\n\r\n{}"))
            .startsWith("HTTP/1.1 400").contains("\"title\":\"Host header given twice\"",
                    "The request has 2 Host headers; send exactly one.");
        assertThat(ROUTING.received()).isEmpty();

        // HTTP/1.0 needs none; a name with an underscore (RFC 3986 allows it) passes: both reach security (401)
        assertThat(answerTo("GET /api/v1/catalogue HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 401");
        assertThat(answerTo("GET /api/v1/catalogue HTTP/1.1\r\nHost: one_net.internal:8080\r\n"
                + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 401");
    }

    /**
     * An empty port (RFC 3986 allows it, and Tomcat, before the services, takes it) counts as none: Reactor Netty had
     * answered {@code Host: localhost:} and {@code Host: :} with an empty 400 that no access line showed.
     */
    @Test
    void takesAHostWithAnEmptyPortAsOneWithout() throws Exception {
        assertThat(answerTo("GET /api/v1/catalogue HTTP/1.1\r\nHost: localhost:\r\nConnection: close\r\n\r\n"))
            .startsWith("HTTP/1.1 401").containsIgnoringCase("content-type: application/problem+json");
        assertThat(answerTo("GET /api/v1/catalogue HTTP/1.1\r\nHost: :\r\nConnection: close\r\n\r\n"))
            .startsWith("HTTP/1.1 401").containsIgnoringCase("content-type: application/problem+json");
    }

    /**
     * Spring reads Content-Type as it makes the exchange, before any filter: one its parser fails on with an index out
     * of bounds ({@code "a/b}, a quote where the type begins) left the request without an answer, the connection
     * closed. One Spring refuses as no media type still reaches the route (the services answer 415).
     */
    @Test
    void answersAContentTypeSpringCannotReadWith400NamingIt() throws Exception {
        String answer = answerTo("POST /api/v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \"a/b\r\n"
                + "Content-Length: 2\r\n\r\n{}");

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
            .contains("\"title\":\"Malformed Content-Type header\"", "\"errors\":[{\"field\":\"Content-Type\"",
                    "'\\\"a/b' is no media type: a quote (\\\") where a type/subtype should begin");
        assertThat(answerTo("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \"a/b\r\nConnection: close\r\n\r\n"))
            .startsWith("HTTP/1.1 400").contains("\"field\":\"Content-Type\"");
        assertThat(ROUTING.received()).isEmpty();
        assertThat(answerTo("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: )|\r\nConnection: close\r\n\r\n"))
            .startsWith("HTTP/1.1 200");
    }

    /** The answer to {@code request}, written as it is on a new connection. */
    private String answerTo(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** One answer: its head, then as many bytes of body as its Content-Length says. */
    private static String readAnswer(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
