package cn.onenet.routing.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel's or department's webhook for tests, on the JDK's HTTP server: answers each call by its number (fail
 * the first k, always fail, hang until closed), records what it accepted and checks every signature itself.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A call the receiver answered 2xx, with its {@code X-Correlation-Id} and {@code traceparent} (or null). */
    record Accepted(String deliveryId, String eventType, String timestamp, boolean signatureValid, JsonNode body,
            String correlationId, String traceparent) {

        UUID orderId() {
            return UUID.fromString(body.get("orderId").asString());
        }

        long sequence() {
            return body.get("sequence").asLong();
        }

        String eventId() {
            return body.get("event").get("eventId").asString();
        }
    }

    private final String secret;
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile IntUnaryOperator answer;
    private volatile boolean hang;

    private WebhookReceiver(String secret, IntUnaryOperator answer, boolean hang) throws IOException {
        this.secret = secret;
        this.answer = answer;
        this.hang = hang;
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static WebhookReceiver accepting(String secret) throws IOException {
        return new WebhookReceiver(secret, call -> 204, false);
    }

    static WebhookReceiver failingFirst(int calls, String secret) throws IOException {
        return new WebhookReceiver(secret, call -> call <= calls ? 500 : 200, false);
    }

    static WebhookReceiver alwaysFailing(String secret) throws IOException {
        return new WebhookReceiver(secret, call -> 500, false);
    }

    /** Takes every call and never answers while it is open. */
    static WebhookReceiver hanging(String secret) throws IOException {
        return new WebhookReceiver(secret, call -> 500, true);
    }

    /** Takes every call and answers none while held; {@link #release()} answers them all with 200. */
    static WebhookReceiver holding(String secret) throws IOException {
        return new WebhookReceiver(secret, call -> 200, true);
    }

    /** Answers the held calls, and every call from now on at once. */
    void release() {
        hang = false;
        released.countDown();
    }

    /** From now on every call is accepted. */
    void recover() {
        answer = call -> 200;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    List<Accepted> acceptedFor(UUID orderId) {
        return accepted.stream().filter(call -> call.orderId().equals(orderId)).toList();
    }

    int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int call = calls.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (hang) {
                released.await(60, TimeUnit.SECONDS);
            }
            int status = answer.applyAsInt(call);
            if (status / 100 == 2) {
                String timestamp = exchange.getRequestHeaders().getFirst("X-OneNet-Timestamp");
                String signature = exchange.getRequestHeaders().getFirst("X-OneNet-Signature");
                accepted.add(new Accepted(exchange.getRequestHeaders().getFirst("X-OneNet-Delivery-Id"),
                        exchange.getRequestHeaders().getFirst("X-OneNet-Event-Type"), timestamp,
                        verifies(timestamp, body, signature), JSON.readTree(body),
                        exchange.getRequestHeaders().getFirst("X-Correlation-Id"),
                        exchange.getRequestHeaders().getFirst("traceparent")));
            }
            exchange.sendResponseHeaders(status, -1);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checked here, independently of the sender's code, as a receiver would. */
    private boolean verifies(String timestamp, byte[] body, String signature) {
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        }
        catch (java.security.GeneralSecurityException ex) {
            return false;
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
