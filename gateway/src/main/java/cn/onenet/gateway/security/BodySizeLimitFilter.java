package cn.onenet.gateway.security;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.gateway.problem.Problem;
import cn.onenet.gateway.problem.ProblemResponses;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies larger than {@code onenet.gateway.security.max-body-size} with 413 Problem Details, before
 * anything else reads them. A declared {@code Content-Length} is checked at once; a body sent without one (chunked)
 * is read up to the limit and forwarded from memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter implements WebFilter {

    private final int maxBytes;
    private final ProblemResponses problems;

    BodySizeLimitFilter(GatewaySecurityProperties properties, ProblemResponses problems) {
        this.maxBytes = (int) properties.maxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return tooLarge(exchange);
        }
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return bytesOf(DataBufferUtils.join(request.getBody(), maxBytes))
            .flatMap(bytes -> chain.filter(exchange.mutate().request(withBody(exchange, bytes)).build()))
            .onErrorResume(DataBufferLimitException.class, tooBig -> tooLarge(exchange));
    }

    /** The joined body as bytes (its buffer released); empty bytes for no body. */
    static Mono<byte[]> bytesOf(Mono<DataBuffer> joined) {
        return joined
            .map(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                return bytes;
            })
            .defaultIfEmpty(new byte[0]);
    }

    static ServerHttpRequest withBody(ServerWebExchange exchange, byte[] bytes) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(bytes.length);
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return problems.write(exchange, new Problem(ProblemTypes.PAYLOAD_TOO_LARGE, "Request body too large", 413,
                "The body may have at most " + maxBytes + " bytes.", exchange.getRequest().getPath().value(),
                Map.of("maxBytes", maxBytes)), new HttpHeaders());
    }
}
