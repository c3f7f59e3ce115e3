package cn.onenet.platform.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Pings the document store with {@code {ping: 1}}, which real MongoDB and the embedded store both answer
 * (Boot's own indicator uses {@code hello}, which the embedded store lacks). A store that does not answer (frozen,
 * or unreachable while the driver waits to select a server) is DOWN within {@code timeout}: the ping runs on its
 * own thread, so the health endpoint never hangs on it, and a ping still waiting is awaited again rather than
 * started anew, so a burst of health checks never piles up threads on a dead store.
 */
public class DocumentStoreHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final MongoTemplate mongo;
    private final Duration timeout;
    private final ExecutorService pinger = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "document-store-health");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Document> pending;

    public DocumentStoreHealthIndicator(MongoTemplate mongo, Duration timeout) {
        super("Document store ping failed");
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try {
            Document answer = ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok"));
        }
        catch (TimeoutException ex) {
            builder.down().withDetail("error", "timed out after " + HealthTimeouts.describe(timeout));
        }
        catch (ExecutionException ex) {
            builder.down(ex.getCause());
        }
    }

    private synchronized Future<Document> ping() {
        if (pending == null || pending.isDone()) {
            pending = pinger.submit(() -> mongo.executeCommand(new Document("ping", 1)));
        }
        return pending;
    }

    @Override
    public void destroy() {
        pinger.shutdownNow();
    }
}
