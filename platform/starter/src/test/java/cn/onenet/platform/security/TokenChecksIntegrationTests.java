package cn.onenet.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The starter's token checks in a minimal servlet service: on when an issuer is configured, open when not. */
class TokenChecksIntegrationTests {

    static final String ISSUER = "http://127.0.0.1:9000";
    /** no broker here: nothing should try to reach one */
    static final String NO_KAFKA = "spring.autoconfigure.exclude=org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
            + "cn.onenet.platform.kafka.OneNetKafkaConfiguration";
    static final RSAKey KEY = key();
    static final RSAKey OTHER_KEY = key();
    static final HttpServer JWKS = jwks();

    @SpringBootApplication
    @RestController
    static class Service {

        @GetMapping("/api/v1/requests/whoami")
        Caller whoami(Caller caller) {
            return caller;
        }

        /** true if a request reaches the controller through Spring Security's observation wrappers */
        @GetMapping("/api/v1/requests/observed")
        boolean observed() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    frame -> frame.getClassName().contains("ObservationFilterChainDecorator")));
        }

        @GetMapping("/api/v1/requests/refuse")
        String refuse() {
            throw new CallerForbidden("Not for you.");
        }
    }

    @Nested
    @SpringBootTest(classes = Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = { "logging.structured.format.console=", TokenChecksIntegrationTests.NO_KAFKA })
    class WithAnIssuerConfigured {

        @Value("${local.server.port}")
        int port;

        @DynamicPropertySource
        static void issuer(DynamicPropertyRegistry registry) {
            registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
            registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                    () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/oauth2/jwks");
        }

        @Test
        void refusesACallWithoutATokenWith401ProblemDetails() {
            HttpResponse<String> response = get(port, "/api/v1/requests/whoami", null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(response.body()).contains("\"type\":\"https://onenet.cn/problems/unauthorized\"");
        }

        @Test
        void refusesExpiredForeignAndMisaddressedTokens() {
            Instant past = Instant.now().minus(Duration.ofHours(1));
            assertThat(get(port, "/api/v1/requests/whoami",
                    token(KEY, claims().expirationTime(Date.from(past)))).statusCode())
                .isEqualTo(401);
            assertThat(get(port, "/api/v1/requests/whoami", token(OTHER_KEY, claims())).statusCode()).isEqualTo(401);
            assertThat(get(port, "/api/v1/requests/whoami", token(KEY, claims().audience("elsewhere"))).statusCode())
                .isEqualTo(401);
            assertThat(get(port, "/api/v1/requests/whoami", token(KEY, claims().issuer("http://evil"))).statusCode())
                .isEqualTo(401);
        }

        @Test
        void tellsTheControllerWhoCalls() {
            HttpResponse<String> response = get(port, "/api/v1/requests/whoami", token(KEY, claims()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"subject\":\"channel-court\"", "\"roles\":[\"CHANNEL_SYSTEM\"]",
                    "\"channel\":\"COURT\"", "\"verified\":true");
        }

        @Test
        void passesTheFilterChainWithoutObservingEachFilter() {
            HttpResponse<String> response = get(port, "/api/v1/requests/observed", token(KEY, claims()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("false");
        }

        @Test
        void answersARefusalFromTheControllerWith403ProblemDetails() {
            HttpResponse<String> response = get(port, "/api/v1/requests/refuse", token(KEY, claims()));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("https://onenet.cn/problems/forbidden", "Not for you.");
        }

        @Test
        void answersAnAuthorizationHeaderTheFirewallRefusesWith400NamingIt() {
            String response = cn.onenet.platform.web.JsonBodiesIntegrationTests.raw(port, "/api/v1/requests/whoami",
                    "Authorization", "Bearer 中文".getBytes(StandardCharsets.UTF_8));

            assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json",
                    "\"type\":\"https://onenet.cn/problems/validation\"", "\"field\":\"Authorization\"");
        }

        /** A call to the service's own port meets the gateway's table: a channel system reads no webhooks. */
        @Test
        void checksTheRolesOfTheGatewaysTableToo() {
            String channel = token(KEY, claims());
            String admin = token(KEY, claims().subject("admin").claim("roles", List.of("ADMIN")));
            for (String path : List.of("/api/v1/webhooks", "/api/v1/admin/dead-letters", "/api/v1/stats/summary",
                    "/api/v1/personal-data-access", "/api/v1/requests/triage")) {
                HttpResponse<String> refused = get(port, path, channel);
                assertThat(refused.statusCode()).as(path).isEqualTo(403);
                assertThat(refused.body()).contains("https://onenet.cn/problems/forbidden");
            }
            // HEAD is held to GET's rule: an admin, who reads no orders, learns nothing of one from its headers
            assertThat(send(port, "HEAD", "/api/v1/requests/whoami", admin).statusCode()).isEqualTo(403);
            assertThat(send(port, "HEAD", "/api/v1/requests/whoami", channel).statusCode()).isEqualTo(200);
            // let through to the service (which has no such endpoint here): 404, not 403
            assertThat(get(port, "/api/v1/webhooks", admin).statusCode()).isEqualTo(404);
            assertThat(get(port, "/api/v1/feed?target=channel:COURT", channel).statusCode()).isEqualTo(404);
            assertThat(get(port, "/api/v1/catalogue", channel).statusCode()).isEqualTo(404);
        }

        @Test
        void leavesHealthOpen() {
            assertThat(get(port, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @SpringBootTest(classes = Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = { "logging.structured.format.console=", TokenChecksIntegrationTests.NO_KAFKA })
    class WithoutAnIssuer {

        @Value("${local.server.port}")
        int port;

        @Test
        void letsEveryCallInAsAnUnverifiedCaller() {
            HttpResponse<String> response = get(port, "/api/v1/requests/whoami", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"verified\":false");
        }
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("channel-court").audience("onenet")
            .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("roles", List.of("CHANNEL_SYSTEM")).claim("channel", "COURT").claim("client_id", "channel-court");
    }

    static String token(RSAKey key, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static HttpResponse<String> get(int port, String path, String token) {
        return send(port, "GET", path, token);
    }

    static HttpResponse<String> send(int port, String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
