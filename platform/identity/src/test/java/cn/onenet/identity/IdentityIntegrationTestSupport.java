package cn.onenet.identity;

import cn.onenet.localstack.IdentityClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity provider on a random port, its key and clients files under {@code target/identity-test/} (removed
 * when the context starts), asking {@link #ROUTING} for the department list. Every integration test extending this
 * shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IdentityIntegrationTestSupport {

    static final Path KEY_FILE = Path.of("target", "identity-test", "signing-key.json");
    static final Path CLIENTS_FILE = KEY_FILE.resolveSibling(IdentityProperties.CLIENTS_FILE_NAME);
    static final String CONSOLE_REDIRECT_URI = "http://127.0.0.1:8080/";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** routing's department list, knowing the demo departments (as routing's seed data does) */
    static final DepartmentListStub ROUTING = DepartmentListStub.start(List.of("wenxin-street", "xingzhou-committee",
            "hupan-committee", "dejia-committee", "police-wenxin", "court-xihu", "justice-office", "civil-affairs",
            "urban-management", "housing", "human-resources", "party-affairs"));

    @Value("${local.server.port}")
    int port;

    IdentityClient identity;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Files.deleteIfExists(KEY_FILE);
        Files.deleteIfExists(CLIENTS_FILE);
        registry.add("onenet.identity.key-file", KEY_FILE::toString);
        registry.add("onenet.identity.console-redirect-uris", () -> CONSOLE_REDIRECT_URI);
        registry.add("onenet.identity.departments-uri", () -> ROUTING.uri().toString());
    }

    @BeforeEach
    void client() {
        identity = new IdentityClient(baseUri());
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** a claim that may be one string or an array of them (as {@code aud}) */
    static List<String> strings(JsonNode claim) {
        return claim.isArray() ? claim.valueStream().map(JsonNode::asString).toList() : List.of(claim.asString());
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
