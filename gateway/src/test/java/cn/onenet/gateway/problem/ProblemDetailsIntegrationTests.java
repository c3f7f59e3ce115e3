package cn.onenet.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class ProblemDetailsIntegrationTests extends GatewayIntegrationTestSupport {

    @Value("${local.server.port}")
    int port;

    @Test
    void answersAnUnknownPathWithANotFoundProblem() {
        web.get().uri("/api/v2/requests")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/not-found")
            .jsonPath("$.title").isEqualTo("Not Found")
            .jsonPath("$.status").isEqualTo(404)
            .jsonPath("$.instance").isEqualTo("/api/v2/requests")
            .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("/api/v2/requests"));
    }

    @Test
    void answersWithProblemDetailsEvenToABrowserAskingForHtml() {
        web.get().uri("/favicon-that-does-not-exist.png")
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/not-found");
    }

    /**
     * The console's page at {@code /} is served by a router function that reads {@code Accept} unguarded: an Accept
     * that is no media type was a 500 "Internal error" with a stack trace in the log (found by the gateway's fuzzing).
     */
    @Test
    void answersAnAcceptHeaderThatIsNoMediaTypeWith400NamingIt() {
        web.get().uri("/")
            .header("Accept", ")|")
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/validation")
            .jsonPath("$.title").isEqualTo("Malformed Accept header")
            .jsonPath("$.status").isEqualTo(400)
            .jsonPath("$.detail").isEqualTo("The Accept header could not be read (')|' is no media type: does not "
                    + "contain '/'); send a type/subtype such as application/json.")
            .jsonPath("$.errors[0].field").isEqualTo("Accept")
            .jsonPath("$.correlationId").isNotEmpty();

        web.get().uri("/").header("Accept", "text/html").exchange().expectStatus().isOk();

        // before security and any route: the services answered it with an empty 406; "a/b, which Spring's parser
        // fails with an index out of bounds, was a 500 here too (found by the fuzzing)
        for (String accept : List.of(")|", "*/*;q=abc", "application/json;charset=utf-99", "\"a/b")) {
            anonymous.get().uri("/api/v1/catalogue")
                .header("Accept", accept)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Malformed Accept header")
                .jsonPath("$.errors[0].field").isEqualTo("Accept")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                    .startsWith("'" + accept + "' is no media type: ").doesNotContain("Invalid", "input string"));
        }
        assertThat(ROUTING.received()).isEmpty();
    }

    @Test
    void answersAnUnsupportedMethodWithAMethodNotAllowedProblem() {
        web.delete().uri("/index.html")
            .exchange()
            .expectStatus().isEqualTo(405)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader().exists("Allow")
            .expectBody()
            .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/method-not-allowed")
            .jsonPath("$.status").isEqualTo(405)
            .jsonPath("$.instance").isEqualTo("/index.html");
    }

    /**
     * A method no route takes (TRACE, a WebDAV method, a lower-case get) is a 405 listing the methods there are, as
     * HTTP asks (RFC 9110), not a 400 "Request refused"; nothing reaches a service.
     */
    @Test
    void answersAMethodNoRouteTakesWith405AndTheMethodsThereAre() {
        for (String method : new String[] { "TRACE", "PROPFIND", "get" }) {
            web.method(HttpMethod.valueOf(method)).uri("/api/v1/catalogue")
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Allow", "GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/method-not-allowed")
                .jsonPath("$.status").isEqualTo(405)
                .jsonPath("$.detail").isEqualTo("The gateway takes no " + method + " request (methods are "
                        + "case-sensitive); it takes GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.")
                .jsonPath("$.correlationId").isNotEmpty();
        }
        assertThat(ROUTING.received()).isEmpty();
    }

    /** A path or header the firewall refuses is a 400 problem saying why, not an empty 400. */
    @Test
    void answersARequestTheFirewallRefusesWithABadRequestProblem() {
        for (String path : new String[] { "/api/v1//requests", "/api/v1/requests/x%2Fy" }) {
            web.get().uri(URI.create("http://localhost:" + port + path))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://onenet.cn/problems/validation")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("rejected"));
        }
    }
}
