package cn.onenet.gateway.upstream;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.factory.rewrite.RewriteFunction;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Points a service's OpenAPI document at the gateway: the service describes itself with its own address, which
 * callers (and Swagger UI's "Try it out") can't reach. The relative server {@code /} resolves against the
 * document's URL at the gateway. Anything that is not a successful JSON object passes through unchanged.
 */
final class OpenApiServers implements RewriteFunction<String, String> {

    private final JsonMapper json;

    OpenApiServers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Publisher<String> apply(ServerWebExchange exchange, String document) {
        if (document == null) {
            return Mono.empty();
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status != null && !status.is2xxSuccessful()) {
            return Mono.just(document);
        }
        return Mono.just(throughGateway(document));
    }

    String throughGateway(String document) {
        JsonNode root;
        try {
            root = json.readTree(document);
        }
        catch (JacksonException notJson) {
            return document;
        }
        if (!(root instanceof ObjectNode openApi) || !openApi.has("openapi")) {
            return document;
        }
        openApi.putArray("servers").addObject().put("url", "/").put("description", "OneNetwork gateway");
        return json.writeValueAsString(openApi);
    }
}
