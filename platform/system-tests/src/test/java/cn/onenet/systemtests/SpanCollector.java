package cn.onenet.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;

/**
 * A Zipkin collector as far as the suite's processes talk to one: it takes what they export to
 * {@code POST /api/v2/spans} (JSON v2, gzipped or not) and keeps every span, so that a test reads a trace as an
 * operator would in Zipkin.
 */
final class SpanCollector implements AutoCloseable {

    private final List<JsonNode> spans = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    SpanCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not open the span collector's port", ex);
        }
        server.createContext("/api/v2/spans", this::collect);
        server.start();
    }

    /** Where the processes send their spans: {@code management.tracing.export.zipkin.endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans";
    }

    /** Every span received so far. */
    List<JsonNode> all() {
        return List.copyOf(spans);
    }

    /** Every span of one trace received so far. */
    List<JsonNode> trace(String traceId) {
        return spans.stream().filter(span -> traceId.equals(span.path("traceId").asString())).toList();
    }

    private void collect(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean gzipped = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            InputStream sent = exchange.getRequestBody();
            try (InputStream in = gzipped ? new GZIPInputStream(sent) : sent) {
                Gateway.JSON.readTree(in).valueStream().forEach(spans::add);
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
