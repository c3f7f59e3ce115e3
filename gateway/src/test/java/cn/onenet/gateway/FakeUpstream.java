package cn.onenet.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for a service behind the gateway: a JDK HTTP server on a free port that records every request and
 * answers with what a test told it to (by default 200 with a small JSON body naming the service and the path).
 */
public final class FakeUpstream {

    static {
        // the JDK server writes a response's headers and body apart: with Nagle's algorithm on, the body then waits
        // for the gateway's delayed ACK, 40 ms on every answer
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A request as the service received it. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> headerValues(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    private record Reply(int status, Map<String, String> headers, String body, CountDownLatch hold) {
    }

    /** No answer at all: the connection is closed once the request is read (a service that died with it). */
    private static final int DROP = -1;

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeUpstream(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.server.setExecutor(executor);
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    public static FakeUpstream start(String name) {
        try {
            return new FakeUpstream(name);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Can't start the fake " + name, ex);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code method path} with the given status, content type, body and further header name/value pairs. */
    public void reply(String method, String path, int status, String contentType, String body, String... headerPairs) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        replies.put(key(method, path), new Reply(status, headers, body, null));
    }

    /** Holds {@code method path} without an answer until {@code release} is counted down. */
    public void hold(String method, String path, CountDownLatch release) {
        replies.put(key(method, path), new Reply(200, Map.of("Content-Type", "application/json"), "{}", release));
    }

    /** Reads {@code method path} and closes the connection without an answer, as a service dying with it would. */
    public void drop(String method, String path) {
        replies.put(key(method, path), new Reply(DROP, Map.of(), null, null));
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public void reset() {
        replies.values().stream().map(Reply::hold).filter(Objects::nonNull).forEach(CountDownLatch::countDown);
        replies.clear();
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            // a Zipkin reporter's gzipped body is recorded as sent before it was compressed; a service reads what came
            boolean gzipped = name.equals("zipkin")
                    && "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            InputStream sent = exchange.getRequestBody();
            try (InputStream in = gzipped ? new GZIPInputStream(sent) : sent) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((header, values) -> headers.put(header, List.copyOf(values)));
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            received.add(new Received(method, path, exchange.getRequestURI().getRawQuery(), headers, body));

            Reply reply = replies.getOrDefault(key(method, path), new Reply(200,
                    Map.of("Content-Type", "application/json"),
                    "{\"service\":\"" + name + "\",\"method\":\"" + method + "\",\"path\":\"" + path + "\"}", null));
            if (reply.hold() != null) {
                try {
                    reply.hold().await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            if (reply.status() == DROP) {
                // closing an exchange that sent no headers closes its connection
                return;
            }
            reply.headers().forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
        catch (IOException clientGone) {
            // the gateway gave up waiting (a timeout test): nobody is listening any more
        }
    }

    private static String key(String method, String path) {
        return method + " " + path;
    }
}
