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
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>
 * A request decoded whole whose path or query is no URI (a bare {@code %}) gets the same: Spring's adapter answers
 * it 400 with an empty body before any filter runs; the problem says how to encode it.
 * <p>
 * A request whose Host header RFC 9112 has a server refuse ({@link HostHeader}: missing, given twice, no host and
 * port) is marked here as one the decoder failed, so Reactor Netty answers it 400 and closes the connection, and it
 * gets its problem the same way; no filter or route sees it.
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
        if (cause instanceof RefusedHeader refused) {
            return new Problem(ProblemTypes.VALIDATION, refused.title(), status, refused.getMessage(), null,
                    Map.of("errors", List.of(new InvalidField(refused.header(), refused.getMessage()))));
        }
        return new Problem(ProblemTypes.VALIDATION, "Malformed request", status,
                "The request is not valid HTTP/1.1 and could not be read: " + cause.getMessage(), null, null);
    }

    /**
     * The problem for a request whose address is not a URI ({@code cause}): Spring's adapter answers it 400 with an
     * empty body before any filter runs ({@code ?phone=138%}, a bare {@code %} not encoded as {@code %25}).
     */
    static Problem malformedAddress(URISyntaxException cause, int status) {
        return new Problem(ProblemTypes.VALIDATION, "Malformed address", status,
                "The request's path or query is not a valid URI (" + cause.getReason() + " at index " + cause.getIndex()
                        + "): percent-encode it, e.g. % as %25 and a space as %20.",
                null, null);
    }

    /**
     * One per connection: remembers the decoder's failure, or the request's address, until the empty answer to it goes
     * out; the address is read as a URI only then, not on every request (Spring reads it again on its way in).
     */
    final class UndecodableRequests extends ChannelDuplexHandler {

        private Throwable failure;
        private String address; // the last request's, read as a URI only when an empty 400 answers it

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpObject object) {
                DecoderResult result = object.decoderResult();
                if (result.isFailure() && failure == null) {
                    failure = result.cause();
                }
                else if (result.isSuccess() && message instanceof HttpRequest request) {
                    RefusedHeader refused = HostHeader.check(request);
                    if (refused == null) {
                        refused = ContentTypeHeader.check(request);
                    }
                    if (refused != null && failure == null) {
                        // Reactor Netty answers a request the decoder failed 400 and closes the connection
                        request.setDecoderResult(DecoderResult.failure(refused));
                        failure = refused;
                    }
                    else if (refused == null) {
                        HostHeader.dropEmptyPort(request);
                    }
                    address = refused == null ? request.uri() : null;
                }
            }
            context.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (failure != null && message instanceof FullHttpResponse response && isDecodingFailureAnswer(response)) {
                Throwable cause = failure;
                failure = null;
                context.write(withProblem(response, cause, problemFor(cause, response.status().code())), promise);
            }
            else if (address != null && message instanceof FullHttpResponse response
                    && response.status().code() == 400 && !response.content().isReadable()) {
                URISyntaxException cause = addressProblem(address);
                address = null;
                context.write(cause != null ? withProblem(response, cause, malformedAddress(cause, 400)) : response,
                        promise);
            }
            else {
                context.write(message, promise);
            }
        }

        /** Why {@code uri} is not a URI, as Spring reads a request's address; null when it is one. */
        private static URISyntaxException addressProblem(String uri) {
            try {
                new URI(uri);
                return null;
            }
            catch (URISyntaxException ex) {
                return ex;
            }
        }

        /** Reactor Netty's answer to an undecodable request: a 4xx without a body that closes the connection. */
        private static boolean isDecodingFailureAnswer(FullHttpResponse response) {
            return response.status().code() >= 400 && response.status().code() < 500
                    && !response.content().isReadable()
                    && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        }

        private FullHttpResponse withProblem(FullHttpResponse response, Throwable cause, Problem problem) {
            String correlationId = UUID.randomUUID().toString();
            Map<String, Object> members = new LinkedHashMap<>(problem.members());
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
