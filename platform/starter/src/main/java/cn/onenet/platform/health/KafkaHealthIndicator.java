package cn.onenet.platform.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the Kafka broker answers: {@code describeCluster} through one admin client, bounded by {@code timeout}
 * (DOWN with "timed out after …" otherwise) and its answer reused for {@code cacheFor}, so a burst of health checks
 * asks the broker once. A change of state is logged once (the Kafka clients' own connection warnings are quieted).
 */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaHealthIndicator.class);

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private final Duration cacheFor;
    private final LongSupplier nanoTime;
    private Admin admin;
    private Health last;
    private long lastAt;

    public KafkaHealthIndicator(Map<String, Object> kafkaAdminConfig, String clientId, Duration timeout,
            Duration cacheFor) {
        this(kafkaAdminConfig, clientId, timeout, cacheFor, System::nanoTime);
    }

    KafkaHealthIndicator(Map<String, Object> kafkaAdminConfig, String clientId, Duration timeout, Duration cacheFor,
            LongSupplier nanoTime) {
        Map<String, Object> config = new HashMap<>(kafkaAdminConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.adminConfig = Map.copyOf(config);
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized Health health() {
        long now = nanoTime.getAsLong();
        if (last != null && now - lastAt < cacheFor.toNanos()) {
            return last;
        }
        Health health = check();
        if (last == null ? !Status.UP.equals(health.getStatus()) : !last.getStatus().equals(health.getStatus())) {
            if (Status.UP.equals(health.getStatus())) {
                log.info("Kafka broker answers again: {}", health.getDetails());
            }
            else {
                log.warn("Kafka broker does not answer: {}", health.getDetails());
            }
        }
        last = health;
        lastAt = nanoTime.getAsLong();
        return health;
    }

    private Health check() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
        }
        catch (TimeoutException ex) {
            return timedOut();
        }
        catch (ExecutionException ex) {
            return ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException ? timedOut()
                    : Health.down().withDetail("error", String.valueOf(ex.getCause())).build();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("error", "interrupted").build();
        }
        catch (RuntimeException ex) {
            return Health.down().withDetail("error", ex.toString()).build();
        }
    }

    private Health timedOut() {
        return Health.down().withDetail("error", "timed out after " + HealthTimeouts.describe(timeout)).build();
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
