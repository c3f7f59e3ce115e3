package cn.onenet.benchmark;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each request over a pool of kept-alive HTTP/1.1 connections on one Netty event loop, with the token of the
 * request's channel system; the 202's body gives the accepted id. A connection carries one request at a time; when
 * every open one is busy a new one is opened, so the pool grows to the number of requests in flight.
 * <p>
 * It replaced the JDK's asynchronous HTTP client, which at 150 requests a second used about 1.3 ms of CPU for each
 * (its selector thread, its executor and the caller's thread): a tenth of all the CPU on a machine the generator
 * shares with the suite it measures.
 * <p>
 * The timeout runs from {@link #send} to the whole answer, as the JDK client's request timeout did; a request that
 * times out closes its connection (a late answer must not be read as the next request's).
 */
final class NettyRequestSender implements RequestSender, AutoCloseable {

    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String host;
    private final String hostHeader;
    private final String path;
    private final RequestFactory requests;
    private final long timeoutNanos;
    private final JsonMapper json;
    private final ChannelTokens tokens;
    /** Connections waiting for a request, the last returned first: the fewest stay busy, the rest idle. */
    private final Deque<Channel> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    NettyRequestSender(String target, RequestFactory requests, Duration timeout, Duration connectTimeout,
            JsonMapper json, ChannelTokens tokens) {
        URI uri = URI.create(target);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        this.host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        this.hostHeader = uri.getPort() > 0 ? host + ":" + port : host;
        String base = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.path = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/requests";
        this.requests = requests;
        this.timeoutNanos = timeout.toNanos();
        this.json = json;
        this.tokens = tokens;
        SslContext ssl = tls ? sslContext() : null;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-http", true),
                NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group)
                .channel(NioSocketChannel.class)
                .remoteAddress(host, port)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {

                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (ssl != null) {
                            pipeline.addLast(ssl.newHandler(channel.alloc(), host, port));
                        }
                        pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_ANSWER_BYTES),
                                new Exchange());
                    }
                });
    }

    private static SslContext sslContext() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot set up TLS for the target", e);
        }
    }

    @Override
    public CompletableFuture<Outcome> send(long sequence) {
        Map<String, Object> body = requests.request(sequence);
        byte[] content = json.writeValueAsBytes(body);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.wrappedBuffer(content));
        request.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
        // each channel system sends its own token: a request on another's channel would be refused
        String authorization = tokens.authorization((String) body.get("channel"));
        if (authorization != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        Pending pending = new Pending(request, answer, System.nanoTime() + timeoutNanos);
        Channel channel = pollIdle();
        if (channel != null) {
            channel.eventLoop().execute(() -> start(channel, pending));
        } else {
            connectAndStart(pending);
        }
        return answer;
    }

    private void connectAndStart(Pending pending) {
        bootstrap.connect().addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                start(connected.channel(), pending);
            } else {
                pending.request.release();
                Throwable cause = connected.cause();
                pending.answer.complete(Outcome.clientError(cause instanceof ConnectTimeoutException
                        ? "connect-timeout" : OpenLoopScheduler.errorKind(cause)));
            }
        });
    }

    private Channel pollIdle() {
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** On the channel's event loop: sends the request unless its time is already up. */
    private void start(Channel channel, Pending pending) {
        Exchange exchange = channel.pipeline().get(Exchange.class);
        long left = pending.deadlineNanos - System.nanoTime();
        if (left <= 0) {
            pending.request.release();
            pending.answer.complete(Outcome.clientError("timeout"));
            release(channel);
            return;
        }
        if (exchange == null || !channel.isActive()) {
            // an idle connection the server closed meanwhile: the request goes on a new one
            connectAndStart(pending);
            return;
        }
        exchange.begin(channel, pending, left);
    }

    private void release(Channel channel) {
        if (channel.isActive()) {
            idle.offerFirst(channel);
        }
    }

    /** Closes every connection; a request still unanswered stays so (it is counted as unanswered, not failed). */
    @Override
    public void close() {
        closed = true;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private record Pending(FullHttpRequest request, CompletableFuture<Outcome> answer, long deadlineNanos) {
    }

    /** One connection's exchanges, one at a time; runs on the connection's event loop. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {

        private Pending current;
        private ScheduledFuture<?> timer;

        void begin(Channel channel, Pending pending, long timeLeftNanos) {
            current = pending;
            timer = channel.eventLoop().schedule(() -> {
                if (current == pending) {
                    current = null;
                    pending.answer.complete(Outcome.clientError("timeout"));
                    // its late answer must not be taken for the next request's
                    channel.close();
                }
            }, timeLeftNanos, TimeUnit.NANOSECONDS);
            channel.writeAndFlush(pending.request).addListener(written -> {
                if (!written.isSuccess()) {
                    fail(channel, "connection-closed");
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            Pending pending = current;
            if (pending == null) {
                context.close();
                return;
            }
            current = null;
            timer.cancel(false);
            byte[] body = ByteBufUtil.getBytes(response.content());
            if (HttpUtil.isKeepAlive(response)) {
                release(context.channel());
            } else {
                context.close();
            }
            pending.answer.complete(outcome(response.status().code(), body));
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            idle.remove(context.channel());
            fail(context.channel(), "connection-closed");
            super.channelInactive(context);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            fail(context.channel(), OpenLoopScheduler.errorKind(cause));
            context.close();
        }

        private void fail(Channel channel, String kind) {
            Pending pending = current;
            if (pending != null && !closed) {
                current = null;
                timer.cancel(false);
                pending.answer.complete(Outcome.clientError(kind));
                channel.close();
            }
        }
    }

    private Outcome outcome(int status, byte[] body) {
        if (status != 202) {
            return Outcome.http(status, problem(body));
        }
        String id = acceptedId(body);
        return id == null ? Outcome.clientError("202-without-id") : Outcome.accepted(id);
    }

    /** {@code "<last segment of type>: <title>"} of a Problem Details body, or null. */
    private String problem(byte[] body) {
        JsonNode node = tree(body);
        if (node == null) {
            return null;
        }
        String type = node.path("type").asString(null);
        String title = node.path("title").asString(null);
        if (type == null && title == null) {
            return null;
        }
        String kind = type == null ? "" : type.substring(type.lastIndexOf('/') + 1);
        String text = kind + (title == null ? "" : ": " + title);
        return text.length() > 120 ? text.substring(0, 120) : text;
    }

    private String acceptedId(byte[] body) {
        JsonNode node = tree(body);
        return node == null ? null : node.path("id").asString(null);
    }

    private JsonNode tree(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
