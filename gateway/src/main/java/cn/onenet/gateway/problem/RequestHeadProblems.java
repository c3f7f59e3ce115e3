package cn.onenet.gateway.problem;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.gateway.correlation.CorrelationId;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives the answers Reactor Netty sends for a request it could not decode a Problem Details body.
 * <p>
 * A request line longer than {@code server.netty.max-initial-line-length} or headers larger than
 * {@code server.max-http-request-header-size} are refused by Netty's HTTP decoder before any WebFlux handler (so
 * before {@link ProblemErrorWebExceptionHandler}) runs. Reactor Netty (1.3.6) then answers by itself, 414, 431 or
 * 400 for other malformed requests, with an empty body and {@code Connection: close}. This handler sits between the
 * HTTP codec and Reactor Netty's traffic handler: it notes the decoder's failure on the way in, and on the way out
 * puts a problem into that empty answer. Status, closing the connection, logging and metrics stay Reactor Netty's;
 * should a later release answer differently (with a body of its own, say), its answer goes out unchanged.
 */
@Component
class RequestHeadProblems implements NettyServerCustomizer {

    static final String HANDLER_NAME = "onenet.requestHeadProblems";

    /** A request line or headers longer than the gateway accepts (414, 431). */
    static final URI REQUEST_TOO_LARGE = URI.create("https://onenet.cn/problems/request-too-large");

    private static final Logger accessLog = LoggerFactory.getLogger("onenet.gateway.access");

    private final JsonMapper json;
    private final long maxRequestLineBytes;
    private final long maxHeaderBytes;

    RequestHeadProblems(JsonMapper json, ServerProperties server, NettyServerProperties netty) {
        this.json = json;
        this.maxRequestLineBytes = netty.getMaxInitialLineLength().toBytes();
        this.maxHeaderBytes = server.getMaxHttpRequestHeaderSize().toBytes();
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER_NAME, new UndecodableRequests());
            }
        });
    }

    /** The problem for a request the decoder refused with {@code cause}, answered with {@code status}. */
    Problem problemFor(Throwable cause, int status) {
        if (cause instanceof TooLongHttpLineException) {
            return new Problem(REQUEST_TOO_LARGE, "Request line too long", status,
                    "The request line (method, path and query) may have at most " + maxRequestLineBytes
                            + " bytes. Send fewer or shorter query parameters.",
                    null, Map.of("maxBytes", maxRequestLineBytes));
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Problem(REQUEST_TOO_LARGE, "Request headers too large", status,
                    "The request's headers may have at most " + maxHeaderBytes
                            + " bytes together. Send fewer or shorter headers (cookies included).",
                    null, Map.of("maxBytes", maxHeaderBytes));
        }
        return new Problem(ProblemTypes.VALIDATION, "Malformed request", status,
                "The request is not valid HTTP/1.1 and could not be read: " + cause.getMessage(), null, null);
    }

    /** One per connection: remembers the decoder's failure until Reactor Netty's answer to it goes out. */
    final class UndecodableRequests extends ChannelDuplexHandler {

        private Throwable failure;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpObject object) {
                DecoderResult result = object.decoderResult();
                if (result.isFailure() && failure == null) {
                    failure = result.cause();
                }
            }
            context.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (failure != null && message instanceof FullHttpResponse response && isDecodingFailureAnswer(response)) {
                Throwable cause = failure;
                failure = null;
                context.write(withProblem(response, cause), promise);
            }
            else {
                context.write(message, promise);
            }
        }

        /** Reactor Netty's answer to an undecodable request: a 4xx without a body that closes the connection. */
        private static boolean isDecodingFailureAnswer(FullHttpResponse response) {
            return response.status().code() >= 400 && response.status().code() < 500
                    && !response.content().isReadable()
                    && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        }

        private FullHttpResponse withProblem(FullHttpResponse response, Throwable cause) {
            String correlationId = UUID.randomUUID().toString();
            Map<String, Object> members = new LinkedHashMap<>(problemFor(cause, response.status().code()).members());
            members.put("correlationId", correlationId);
            byte[] body = json.writeValueAsBytes(members);
            try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationId.MDC_KEY, correlationId)) {
                accessLog.atInfo()
                    .addKeyValue("http.response.status_code", response.status().code())
                    .log("request not decoded, answered {}: {}", response.status().code(), cause.getMessage());
            }
            FullHttpResponse answer = response.replace(Unpooled.wrappedBuffer(body));
            response.release();
            answer.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(CorrelationId.HEADER, correlationId);
            return answer;
        }
    }
}
