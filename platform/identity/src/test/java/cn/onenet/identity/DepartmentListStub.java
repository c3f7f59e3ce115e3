package cn.onenet.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Stands in for the routing service's department list ({@code GET /api/v1/departments}) on a free port: answers the
 * codes it knows, or fails as told, and keeps the {@code Authorization} and {@code X-Correlation-Id} headers of the
 * last call. It can be stopped and started again on the same port, as routing going down and coming back.
 */
final class DepartmentListStub {

    static final String PATH = "/api/v1/departments";

    /** what the stub answers */
    enum Mode {
        /** the list of the codes it knows */
        LIST,
        /** 500 with a Problem Details body */
        ERROR,
        /** 200 with JSON cut short */
        UNREADABLE,
        /** 200 with a JSON object instead of the list */
        NOT_A_LIST,
        /** nothing, until {@link #answer(Mode)} is called again (longer than identity waits) */
        HANG
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Set<String> codes = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile Mode mode = Mode.LIST;
    private volatile CountDownLatch hanging = new CountDownLatch(0);
    private volatile String authorization;
    private volatile String correlationId;
    private HttpServer server;

    private DepartmentListStub(Collection<String> codes) {
        this.codes.addAll(codes);
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    static DepartmentListStub start(Collection<String> codes) {
        return new DepartmentListStub(codes);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + PATH);
    }

    /** A department is added at routing. */
    void add(String code) {
        codes.add(code);
    }

    void answer(Mode next) {
        CountDownLatch release = hanging;
        hanging = next == Mode.HANG ? new CountDownLatch(1) : new CountDownLatch(0);
        mode = next;
        release.countDown();
    }

    /** the {@code Authorization} header of the last call, {@code null} if it had none */
    String lastAuthorization() {
        return authorization;
    }

    /** the {@code X-Correlation-Id} header of the last call, {@code null} if it had none */
    String lastCorrelationId() {
        return correlationId;
    }

    /** Routing goes down: connections to the port are refused. */
    synchronized void stop() {
        server.stop(0);
    }

    /** Routing is back, on the same port. */
    synchronized void restart() {
        server = listen(port);
    }

    private HttpServer listen(int onPort) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort);
            HttpServer listening = HttpServer.create(address, 0);
            listening.createContext(PATH, this::serve);
            listening.start();
            return listening;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            correlationId = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
            switch (mode) {
                case LIST -> {
                    ArrayNode list = JSON.createArrayNode();
                    codes.stream().sorted().forEach(code -> list.addObject().put("code", code).put("name", code)
                        .put("kind", "BUREAU"));
                    send(exchange, 200, "application/json", JSON.writeValueAsString(list));
                }
                case ERROR -> send(exchange, 500, "application/problem+json",
                        "{\"type\": \"https://onenet.cn/problems/internal\", \"status\": 500}");
                case UNREADABLE -> send(exchange, 200, "application/json", "[{\"code\": \"civil-aff");
                case NOT_A_LIST -> send(exchange, 200, "application/json", "{\"code\": \"civil-affairs\"}");
                case HANG -> {
                    awaitRelease();
                    send(exchange, 200, "application/json", "[]");
                }
            }
        }
    }

    private void awaitRelease() {
        try {
            hanging.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
