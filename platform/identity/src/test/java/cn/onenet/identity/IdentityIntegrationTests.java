package cn.onenet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.localstack.IdentityClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IdentityIntegrationTests extends IdentityIntegrationTestSupport {

    @Test
    void issuesAChannelSystemATokenNamingItsChannelRoleAndTheSuitesAudience() {
        JsonNode claims = claims(identity.clientCredentials("channel-livelihood", "channel-livelihood-secret"));

        assertThat(claims.get("iss").asString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(claims.get("sub").asString()).isEqualTo("channel-livelihood");
        assertThat(claims.get("client_id").asString()).isEqualTo("channel-livelihood");
        assertThat(strings(claims.get("aud"))).containsExactly("onenet");
        assertThat(claims.get("roles")).extracting(JsonNode::asString).containsExactly("CHANNEL_SYSTEM");
        assertThat(claims.get("channel").asString()).isEqualTo("LIVELIHOOD");
        assertThat(claims.has("department")).isFalse();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(30 * 60);
    }

    @Test
    void issuesADepartmentSystemATokenNamingItsDepartment() {
        JsonNode claims = claims(identity.clientCredentials("department-civil-affairs", "department-civil-affairs-secret"));

        assertThat(claims.get("roles")).extracting(JsonNode::asString).containsExactly("DEPARTMENT_SYSTEM");
        assertThat(claims.get("department").asString()).isEqualTo("civil-affairs");
        assertThat(claims.has("channel")).isFalse();
    }

    @Test
    void issuesTheMetricsScraperATokenWithTheMonitoringRoleOnly() {
        JsonNode claims = claims(identity.clientCredentials("monitoring", "monitoring-secret"));

        assertThat(claims.get("roles")).extracting(JsonNode::asString).containsExactly("MONITORING");
        assertThat(claims.has("channel")).isFalse();
        assertThat(claims.has("department")).isFalse();
    }

    @Test
    void refusesAWrongClientSecret() {
        assertThatThrownBy(() -> identity.clientCredentials("channel-police", "guess"))
            .hasMessageContaining("HTTP 401");
    }

    @Test
    void signsInAPersonWithTheAuthorizationCodeFlowAndPkce() {
        JsonNode claims = claims(identity.login("operator", "operator-demo", "onenet-console", "http://127.0.0.1:8080/"));

        assertThat(claims.get("sub").asString()).isEqualTo("operator");
        assertThat(claims.get("roles")).extracting(JsonNode::asString).containsExactly("OPERATOR");
        assertThat(strings(claims.get("aud"))).containsExactly("onenet");

        JsonNode admin = claims(identity.login("community-admin", "community-admin-demo", "onenet-console",
                "http://127.0.0.1:8080/"));
        assertThat(admin.get("roles")).extracting(JsonNode::asString).containsExactly("COMMUNITY_ADMIN");
        assertThat(admin.get("community").asString()).isEqualTo("xingzhou");
    }

    /**
     * The console renews a person's token before it runs out without showing them a page ({@code prompt=none} in a
     * hidden frame): a new token for the same person while they are signed in at the provider; once they have signed
     * out there, or on a browser nobody signed in on, {@code login_required} back to the console, never the login page
     * (which the hidden frame would keep, unseen).
     */
    @Test
    void renewsAPersonsTokenWithoutAPageWhileTheyAreSignedInThereAndNotOnceTheySignedOut() {
        IdentityClient.Browser browser = identity.browser("onenet-console", "http://127.0.0.1:8080/");
        String first = browser.signIn("dispatcher", "dispatcher-demo");

        String renewed = browser.renew();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(claims(renewed).get("sub").asString()).isEqualTo("dispatcher");
        assertThat(claims(renewed).get("roles")).extracting(JsonNode::asString).containsExactly("DISPATCHER");
        assertThat(claims(renewed).get("exp").asLong()).isGreaterThanOrEqualTo(claims(first).get("exp").asLong());
        assertThat(claims(browser.renew()).get("sub").asString()).isEqualTo("dispatcher");

        browser.signOut();
        assertThat(browser.authorizeSilently("after-sign-out", "a-verifier-of-forty-three-characters-or-more"))
            .containsEntry("error", "login_required").containsEntry("state", "after-sign-out")
            .doesNotContainKey("code");
        assertThatThrownBy(browser::renew).hasMessageContaining("login_required");

        IdentityClient.Browser nobody = identity.browser("onenet-console", "http://127.0.0.1:8080/");
        assertThat(nobody.authorizeSilently("fresh", "a-verifier-of-forty-three-characters-or-more"))
            .containsEntry("error", "login_required").doesNotContainKey("code");
    }

    /** Call-center staff sign in on a page in Chinese with English beneath, and are told so when refused. */
    @Test
    void asksPeopleToSignInInChineseAndEnglishAndSaysWhenThePasswordIsWrong() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/login"))
            .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
            .startsWith("text/html"));
        assertThat(page.body()).contains("<html lang=\"zh-CN\">", "登录", "Sign in", "用户名", "Username", "密码",
                "Password", "name=\"username\"", "name=\"password\"", "type=\"hidden\" name=\"_csrf\" value=\"",
                "action=\"/login\"").doesNotContain("Please sign in", "用户名或密码不正确");

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/login?error"))
            .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(refused.body()).contains("用户名或密码不正确，请重试。", "Wrong username or password");
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> identity.login("supervisor", "nope", "onenet-console", "http://127.0.0.1:8080/"))
            .hasMessageContaining("refused the password");
    }

    @Test
    void publishesItsIssuerAndTheKeyItSignsWithWhichIsKeptForTheNextStart() throws Exception {
        JsonNode discovery = get("/.well-known/openid-configuration");
        assertThat(discovery.get("issuer").asString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(discovery.get("jwks_uri").asString()).endsWith("/oauth2/jwks");

        JsonNode keys = get("/oauth2/jwks").get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).has("d")).as("no private part published").isFalse();
        String kid = keys.get(0).get("kid").asString();
        assertThat(SigningKeys.loadOrCreate(KEY_FILE).getKeyID()).isEqualTo(kid);
        String header = new String(Base64.getUrlDecoder().decode(
                identity.clientCredentials("channel-court", "channel-court-secret").split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(header).get("kid").asString()).isEqualTo(kid);
    }

    @Test
    void reportsHealthWithoutAToken() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    /** A health component that does not exist: Actuator's 404 has no body; the caller reads Problem Details. */
    @Test
    void answersAHealthComponentThatIsNoneWithProblemDetails() throws Exception {
        HttpResponse<String> none = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/nothing"))
                    .header(CorrelationId.HEADER, "call-43").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(none.body());
        assertThat(problem.get("title").asString()).isEqualTo("Not Found");
        assertThat(problem.get("detail").asString()).isEqualTo("Nothing is served at /actuator/health/nothing.");
        assertThat(problem.get("correlationId").asString()).isEqualTo("call-43");
    }

    /** An Accept that is no media type was an empty 406; an empty one made the Prometheus endpoint fail with a 500. */
    @Test
    void refusesAnAcceptThatIsNoMediaTypeNamingItAndTakesAnEmptyOneAsNone() throws Exception {
        String scraper = identity.clientCredentials("monitoring", "monitoring-secret");
        HttpResponse<String> refused = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + scraper).header("Accept", "*/*;q=abc").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Accept");
        assertThat(problem.get("errors").get(0).get("message").asString()).startsWith("'*/*;q=abc' is no media type");

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + scraper).header("Accept", "").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);

        // "a/b: Spring's parser fails it with an index out of bounds, which was a 500
        for (String header : List.of("Accept", "Content-Type")) {
            HttpResponse<String> unreadable = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + scraper).header(header, "\"a/b").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unreadable.statusCode()).as(header).isEqualTo(400);
            JsonNode named = JSON.readTree(unreadable.body());
            assertThat(named.get("errors").get(0).get("field").asString()).isEqualTo(header);
            assertThat(named.get("errors").get(0).get("message").asString())
                .startsWith("'\"a/b' is no media type: a quote");
        }
    }

    /** An address Tomcat refuses before the provider sees it is answered as every other refusal, not with HTML. */
    @Test
    void answersAnAddressItCannotReadWithProblemDetailsAndTheCallersCorrelationId() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/clients/..%2F..%2Factuator"))
                    .header(CorrelationId.HEADER, "call-42").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue(CorrelationId.HEADER)).hasValue("call-42");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.get("correlationId").asString()).isEqualTo("call-42");
        assertThat(refused.body()).doesNotContain("Tomcat", "<html");
    }

    /** The scraper's token reads the metrics; no token or another role's is answered 401 / 403, not the login form. */
    @Test
    void servesItsMetricsToTheScraperOnly() throws Exception {
        String scraper = identity.clientCredentials("monitoring", "monitoring-secret");
        HttpResponse<String> metrics = prometheus(scraper);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
        assertThat(prometheus(null).statusCode()).isEqualTo(401);
        assertThat(prometheus(identity.clientCredentials("channel-court", "channel-court-secret")).statusCode())
            .isEqualTo(403);
    }

    private HttpResponse<String> prometheus(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
