package cn.onenet.routing.metrics;

import cn.onenet.contracts.RequestStatus;
import cn.onenet.routing.stats.Backlog;
import cn.onenet.routing.stats.StatsService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The supervisors' gauges, fed from the backlog (the same aggregation as {@code GET /api/v1/supervision/backlog})
 * every {@code onenet.metrics.backlog-refresh} (30 s), never per scrape: a scrape reads the cached numbers.
 * <ul>
 * <li>{@code onenet.orders.open{department,status}}: open orders (not closed, rejected or merged) per department
 * holding them and status; {@code department="none"} is the dispatchers' (received, triage, returned).</li>
 * <li>{@code onenet.orders.overdue{department}}: of those, the ones past their sign-for or resolution deadline.</li>
 * <li>{@code onenet.orders.followed.up{department}}: of those, the ones the requester asked after (来电催办).</li>
 * <li>{@code onenet.orders.backlog.age}: seconds since the numbers were computed (a stale aggregation shows).</li>
 * </ul>
 * A department or status that empties keeps its series at 0. Every routing instance computes the same numbers
 * from the shared store: take the max (or one instance), not the sum, across instances.
 */
@Component
public class OrderBacklogMetrics {

    static final String NO_DEPARTMENT = "none";
    private static final String OVERDUE = "Open work orders past their sign-for or resolution deadline, per department "
            + "holding them";
    private static final String FOLLOWED_UP = "Open work orders the requester asked after (来电催办), per department "
            + "holding them";
    private static final Logger log = LoggerFactory.getLogger(OrderBacklogMetrics.class);

    private final StatsService stats;
    private final MeterRegistry meters;
    private final Map<List<String>, AtomicLong> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overdue = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> followedUp = new ConcurrentHashMap<>();
    private volatile Instant computedAt;

    OrderBacklogMetrics(StatsService stats, MeterRegistry meters) {
        this.stats = stats;
        this.meters = meters;
        Gauge.builder("onenet.orders.backlog.age", this,
                metrics -> metrics.computedAt == null ? Double.NaN
                        : Duration.between(metrics.computedAt, Instant.now()).toMillis() / 1000.0)
            .description("Seconds since the open-order gauges were computed")
            .baseUnit("seconds")
            .register(meters);
    }

    /** Recomputes the gauges from the store (on the schedule; a test may call it to skip the wait). */
    @Scheduled(fixedDelayString = "${onenet.metrics.backlog-refresh:30s}", initialDelayString = "${onenet.metrics.backlog-initial-delay:5s}")
    public synchronized void refresh() {
        try {
            Backlog backlog = stats.backlog();
            Set<List<String>> seen = new HashSet<>();
            Set<String> departments = new HashSet<>();
            for (Backlog.Row row : backlog.rows()) {
                String department = row.department() == null ? NO_DEPARTMENT : row.department();
                for (Map.Entry<RequestStatus, Long> byStatus : row.byStatus().entrySet()) {
                    List<String> key = List.of(department, byStatus.getKey().name());
                    if (byStatus.getValue() > 0 || open.containsKey(key)) {
                        openGauge(key).set(byStatus.getValue());
                        seen.add(key);
                    }
                }
                departmentGauge(overdue, "onenet.orders.overdue", OVERDUE, department).set(row.overdue());
                departmentGauge(followedUp, "onenet.orders.followed.up", FOLLOWED_UP, department)
                    .set(row.followedUp());
                departments.add(department);
            }
            open.forEach((key, value) -> {
                if (!seen.contains(key)) {
                    value.set(0);
                }
            });
            for (Map<String, AtomicLong> perDepartment : List.of(overdue, followedUp)) {
                perDepartment.forEach((department, value) -> {
                    if (!departments.contains(department)) {
                        value.set(0);
                    }
                });
            }
            computedAt = backlog.asOf();
        }
        catch (RuntimeException ex) {
            log.warn("Could not compute the open-order gauges (keeping the last values): {}", ex.toString());
        }
    }

    private AtomicLong openGauge(List<String> key) {
        return open.computeIfAbsent(key, tags -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("onenet.orders.open", value, AtomicLong::get)
                .description("Open work orders per department holding them and status")
                .tags("department", tags.get(0), "status", tags.get(1))
                .register(meters);
            return value;
        });
    }

    private AtomicLong departmentGauge(Map<String, AtomicLong> gauges, String name, String description,
            String department) {
        return gauges.computeIfAbsent(department, tag -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                .description(description)
                .tag("department", tag)
                .register(meters);
            return value;
        });
    }
}
