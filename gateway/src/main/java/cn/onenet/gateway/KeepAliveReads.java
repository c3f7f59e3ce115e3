package cn.onenet.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Asks every client connection for its next request once a response has been written in full.
 * <p>
 * Reactor Netty (1.3.6, as Spring Boot 4.0.7 manages it) reads an HTTP/1.1 connection on demand. A request that
 * arrives while the one before it is still being answered is held back until that one ends; when the held request
 * was then answered at once (a 401 or 403, a 404), the connection was not asked to read again, and the client's next
 * request on it had no answer until the client gave up (reactor-netty#4361, fixed in 1.3.8). Clients that reuse
 * connections met it about once in a few hundred sequential calls. One more read after each response is what the
 * fixed release does in that case, and costs nothing when a read is already pending. Remove this once the parent
 * manages Reactor Netty 1.3.8 or later ({@code KeepAliveIntegrationTests} shows whether it still matters).
 */
@Component
class KeepAliveReads implements NettyServerCustomizer {

    static final String HANDLER_NAME = "onenet.readAfterResponse";

    private static final ReadAfterResponse READ_AFTER_RESPONSE = new ReadAfterResponse();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER_NAME, READ_AFTER_RESPONSE);
            }
        });
    }

    /** Between the HTTP codec and Reactor Netty's traffic handler: sees each response part on its way out. */
    @ChannelHandler.Sharable
    static final class ReadAfterResponse extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof LastHttpContent) {
                ChannelPromise written = promise.unvoid();
                written.addListener(future -> {
                    if (future.isSuccess() && context.channel().isActive()) {
                        context.read();
                    }
                });
                context.write(message, written);
            }
            else {
                context.write(message, promise);
            }
        }
    }
}
