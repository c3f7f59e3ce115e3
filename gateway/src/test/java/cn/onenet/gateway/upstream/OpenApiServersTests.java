package cn.onenet.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiServersTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final OpenApiServers servers = new OpenApiServers(json);

    @Test
    void replacesTheServicesOwnAddressWithTheGateway() {
        String rewritten = servers.throughGateway("""
                {"openapi":"3.1.0","info":{"title":"routing"},\
                "servers":[{"url":"http://routing-service:8082"}],"paths":{}}""");

        JsonNode document = json.readTree(rewritten);
        assertThat(document.get("servers")).hasSize(1);
        assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("/");
        assertThat(document.get("info").get("title").asString()).isEqualTo("routing");
    }

    @Test
    void addsTheGatewayToADocumentWithoutServers() {
        String rewritten = servers.throughGateway("{\"openapi\":\"3.1.0\",\"paths\":{}}");

        assertThat(json.readTree(rewritten).get("servers").get(0).get("url").asString()).isEqualTo("/");
    }

    @Test
    void leavesAnythingButAnOpenApiDocumentAlone() {
        assertThat(servers.throughGateway("not json")).isEqualTo("not json");
        assertThat(servers.throughGateway("[1,2]")).isEqualTo("[1,2]");
        assertThat(servers.throughGateway("{\"title\":\"Not Found\",\"status\":404}"))
            .isEqualTo("{\"title\":\"Not Found\",\"status\":404}");
    }
}
