package cn.onenet.gateway.problem;

import cn.onenet.gateway.correlation.CorrelationId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as the whole response of an exchange: {@code application/problem+json}, the problem's
 * status, and the exchange's correlation id as the {@code correlationId} member (callers quote it to support).
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /**
     * Replaces whatever status and headers the response had so far with the problem; {@code headers} are added
     * (e.g. {@code Retry-After}, {@code Allow}). The response must not be committed yet.
     */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem, HttpHeaders headers) {
        ServerHttpResponse response = exchange.getResponse();
        Map<String, Object> members = new LinkedHashMap<>(problem.members());
        members.putIfAbsent("correlationId", CorrelationId.of(exchange));
        byte[] body = json.writeValueAsBytes(members);

        response.getHeaders().clear();
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        response.getHeaders().addAll(headers);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
