package cn.onenet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.localstack.IdentityClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityIntegrationTests {

    static final Path KEY_FILE = Path.of("target", "identity-test", "signing-key.json");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    IdentityClient identity;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Files.deleteIfExists(KEY_FILE);
        registry.add("onenet.identity.key-file", KEY_FILE::toString);
        registry.add("onenet.identity.console-redirect-uris", () -> "http://127.0.0.1:8080/");
    }

    @BeforeEach
    void client() {
        identity = new IdentityClient("http://127.0.0.1:" + port);
    }

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

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** a claim that may be one string or an array of them (as {@code aud}) */
    static java.util.List<String> strings(JsonNode claim) {
        return claim.isArray() ? claim.valueStream().map(JsonNode::asString).toList() : java.util.List.of(claim.asString());
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
