package cn.onenet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.config.HttpClientProperties;

/**
 * One client connection carrying request after request (HTTP/1.1 keep-alive), as a channel system's or the load
 * generator's connection pool does. Written on a plain socket so that the bytes on the wire are the test's.
 */
class KeepAliveIntegrationTests extends GatewayIntegrationTestSupport {

    @LocalServerPort
    int port;

    /**
     * A request that arrives while the one before it on the connection is still being answered waits its turn; once
     * both are answered, the connection must read the next. With Reactor Netty 1.3.6 the connection stopped reading
     * when the waiting request was answered at once (a refusal, a 404): the next request had no answer until the
     * client gave up and closed the connection (reactor-netty#4361). Clients that reuse connections saw it now and
     * then (about one request in a few hundred in a loop of sequential calls).
     */
    @Test
    void keepsReadingAConnectionAfterARequestThatWaitedBehindASlowOne() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        ROUTING.hold("GET", "/api/v1/catalogue", release);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            // both in one write: the second (refused at once, no token) arrives while the first waits for routing
            out.write((request("/api/v1/catalogue", "Bearer " + everyRole()) + request("/api/v1/catalogue", null))
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the first is at routing (so the second, read with it, waits behind it) before routing may answer
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> !ROUTING.received("GET", "/api/v1/catalogue").isEmpty());
            release.countDown();
            assertThat(statusOf(in)).isEqualTo(200);
            assertThat(statusOf(in)).isEqualTo(401);

            out.write(request("/actuator/health", null).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                assertThat(statusOf(in)).isEqualTo(200);
            }
            catch (SocketTimeoutException noAnswer) {
                fail("The third request on the connection had no answer within 5 s", noAnswer);
            }
        }
    }

    /**
     * The services' Tomcat closes a keep-alive connection idle for 60 s (its default connection timeout); a call the
     * gateway sent on such a connection at that moment failed before any answer (a 503 of a service that is up).
     * The gateway closes its own idle connections well before.
     */
    @Test
    void closesIdleConnectionsToTheServicesBeforeTheServicesDo(@Autowired HttpClientProperties httpClient) {
        HttpClientProperties.Pool pool = httpClient.getPool();
        assertThat(pool.getMaxIdleTime()).isNotNull().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(pool.getEvictionInterval()).isPositive().isLessThan(pool.getMaxIdleTime());
    }

    private static String request(String path, String authorization) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
    }

    /** Reads one response (status line, headers, a Content-Length or chunked body) and gives its status. */
    private static int statusOf(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            }
            else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long chunk = chunkSize(in); chunk > 0; chunk = chunkSize(in)) {
                in.readNBytes((int) chunk);
                line(in);
            }
            line(in);
        }
        else {
            in.readNBytes((int) length);
        }
        return status;
    }

    private static long chunkSize(InputStream in) throws IOException {
        return Long.parseLong(line(in).split(";")[0].trim(), 16);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The gateway closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
