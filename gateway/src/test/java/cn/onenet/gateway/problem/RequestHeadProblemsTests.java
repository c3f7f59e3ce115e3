package cn.onenet.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestHeadProblemsTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final RequestHeadProblems problems = new RequestHeadProblems(json, new ServerProperties(),
            new NettyServerProperties());

    @Test
    void putsAProblemIntoTheEmptyAnswerToAMalformedRequest() {
        EmbeddedChannel channel = new EmbeddedChannel(problems.new UndecodableRequests());
        channel.writeInbound(failed(new IllegalArgumentException("a header name can only contain token characters")));
        ReferenceCountUtil.release(channel.readInbound());

        channel.writeOutbound(emptyAnswer(HttpResponseStatus.BAD_REQUEST));

        FullHttpResponse answer = channel.readOutbound();
        JsonNode body = json.readTree(answer.content().toString(StandardCharsets.UTF_8));
        assertThat(answer.status().code()).isEqualTo(400);
        assertThat(answer.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(answer.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(answer.content().readableBytes());
        assertThat(answer.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(body.get("type").asString()).isEqualTo("https://onenet.cn/problems/validation");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("detail").asString()).contains("a header name can only contain");
        assertThat(body.get("correlationId").asString()).isEqualTo(answer.headers().get("X-Correlation-Id"));
        answer.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void putsAProblemIntoTheEmptyAnswerToAnAddressThatIsNoUriAndOnlyThere() {
        EmbeddedChannel channel = new EmbeddedChannel(problems.new UndecodableRequests());
        channel.writeInbound(withHost(
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/requests?phone=138%")));
        ReferenceCountUtil.release(channel.readInbound());

        FullHttpResponse empty = emptyAnswer(HttpResponseStatus.BAD_REQUEST);
        empty.headers().remove(HttpHeaderNames.CONNECTION); // Spring's answer keeps the connection
        channel.writeOutbound(empty);

        FullHttpResponse answer = channel.readOutbound();
        JsonNode body = json.readTree(answer.content().toString(StandardCharsets.UTF_8));
        assertThat(answer.status().code()).isEqualTo(400);
        assertThat(answer.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(answer.content().readableBytes());
        assertThat(body.get("title").asString()).isEqualTo("Malformed address");
        assertThat(body.get("detail").asString()).contains("Malformed escape pair", "% as %25");
        answer.release();

        // the next request's address is a URI: an empty 400 to it (whatever its reason) is left as it is
        channel.writeInbound(withHost(
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/requests?phone=138%25")));
        ReferenceCountUtil.release(channel.readInbound());
        FullHttpResponse other = emptyAnswer(HttpResponseStatus.BAD_REQUEST);
        other.headers().remove(HttpHeaderNames.CONNECTION);
        channel.writeOutbound(other);
        assertThat((Object) channel.readOutbound()).isSameAs(other);
        other.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void marksARequestWithTwoHostsAsUndecodableAndNamesTheHeader() {
        EmbeddedChannel channel = new EmbeddedChannel(problems.new UndecodableRequests());
        FullHttpRequest request = withHost(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        request.headers().add(HttpHeaderNames.HOST, "evil.example");
        channel.writeInbound(request);
        FullHttpRequest passed = channel.readInbound();
        // Reactor Netty answers a request its decoder failed 400 and closes the connection
        assertThat(passed.decoderResult().isFailure()).isTrue();
        passed.release();

        channel.writeOutbound(emptyAnswer(HttpResponseStatus.BAD_REQUEST));

        FullHttpResponse answer = channel.readOutbound();
        JsonNode body = json.readTree(answer.content().toString(StandardCharsets.UTF_8));
        assertThat(body.get("title").asString()).isEqualTo("Host header given twice");
        assertThat(body.get("detail").asString()).isEqualTo("The request has 2 Host headers; send exactly one.");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("Host");
        answer.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesAMissingHostOnlyInHttp11() {
        assertThat(HostHeader.check(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/")).title())
            .isEqualTo("Host header missing");
        assertThat(HostHeader.check(new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/"))).isNull();
        assertThat(HostHeader.check(withHost(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"))))
            .isNull();
    }

    @Test
    void takesEveryHostAndPortRfc3986AllowsAndNothingElse() {
        assertThat(List.of("onenet.example.cn", "onenet.example.cn:8080", "127.0.0.1:8080", "[::1]", "[::1]:8080",
                "my_host.internal", "", "localhost:", "xn--fiqs8s.example", "a%41b", "gateway:65535"))
            .allSatisfy(host -> assertThat(HostHeader.whyNoHost(host)).as(host).isNull());
        assertThat(HostHeader.whyNoHost("onenet.example.cn:80a")).isEqualTo(
                "the port may only have digits, not 'a' at index 20");
        assertThat(HostHeader.whyNoHost("[::1")).isEqualTo("an IPv6 address without its closing ]");
        assertThat(HostHeader.whyNoHost("[::g]")).isEqualTo("'[::g]' is no IPv6 address");
        assertThat(HostHeader.whyNoHost("[::1]x")).isEqualTo("'x' after the address, at index 5");
        assertThat(HostHeader.whyNoHost("x y")).isEqualTo("' ' at index 1 may not be in a host name");
        assertThat(HostHeader.whyNoHost("a@b")).isEqualTo("'@' at index 1 may not be in a host name");
        assertThat(HostHeader.whyNoHost("a]b<c")).isEqualTo("']' at index 1 may not be in a host name");
        assertThat(HostHeader.whyNoHost("a%4")).isEqualTo("'%' at index 1 may not be in a host name");
        assertThat(HostHeader.whyNoHost("a\u0001")).isEqualTo("'\\u0001' at index 1 may not be in a host name");
        assertThat(HostHeader.whyNoHost("a:99999")).isEqualTo("the port is above 65535");
        assertThat(HostHeader.whyNoHost("a:99999999999999999999")).isEqualTo("the port is above 65535");
        assertThat(HostHeader.whyNoHost("a:-1")).isEqualTo("the port may only have digits, not '-' at index 2");
    }

    @Test
    void leavesEveryOtherAnswerAsItIs() {
        EmbeddedChannel channel = new EmbeddedChannel(problems.new UndecodableRequests());
        FullHttpResponse empty = emptyAnswer(HttpResponseStatus.BAD_REQUEST);

        channel.writeOutbound(empty);

        assertThat((Object) channel.readOutbound()).isSameAs(empty);
        empty.release();
        channel.finishAndReleaseAll();
    }

    private static FullHttpRequest failed(Throwable cause) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request");
        request.setDecoderResult(DecoderResult.failure(cause));
        return request;
    }

    /** Reactor Netty reads the port with Integer.parseInt: an empty one (RFC 3986 allows it) was an empty 400. */
    @Test
    void takesTheColonOfAnEmptyPortOffTheHost() {
        assertThat(hostWithoutEmptyPort("localhost:")).isEqualTo("localhost");
        assertThat(hostWithoutEmptyPort(":")).isEmpty();
        assertThat(hostWithoutEmptyPort("[::1]:")).isEqualTo("[::1]");
        assertThat(hostWithoutEmptyPort("localhost:8080")).isEqualTo("localhost:8080");
        assertThat(hostWithoutEmptyPort("[::1]")).isEqualTo("[::1]");
        assertThat(hostWithoutEmptyPort("")).isEmpty();
    }

    private static String hostWithoutEmptyPort(String host) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().set(HttpHeaderNames.HOST, host);
        HostHeader.dropEmptyPort(request);
        return request.headers().get(HttpHeaderNames.HOST);
    }

    private static FullHttpRequest withHost(FullHttpRequest request) {
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1:8080");
        return request;
    }

    private static FullHttpResponse emptyAnswer(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.buffer(0));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
