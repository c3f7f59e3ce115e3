package cn.onenet.routing.workorder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds open orders nearing or past their deadlines and moves them up the ladder (预警 → 催办 → 督办 → 提级).
 * Every instance of routing-service may scan at once: each step is a conditional write on the order's
 * version, so a level is reached — and announced — exactly once.
 */
@Component
public class EscalationScanner {

    private static final Logger log = LoggerFactory.getLogger(EscalationScanner.class);
    private static final int PAGE = 500;

    private final WorkOrderStore store;
    private final WorkOrderService workOrders;
    private final EscalationPolicy policy;
    private final Clock clock;

    public EscalationScanner(WorkOrderStore store, WorkOrderService workOrders, EscalationPolicy policy, Clock clock) {
        this.store = store;
        this.workOrders = workOrders;
        this.policy = policy;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${onenet.escalation.scan-interval:30s}", initialDelayString = "10s")
    void scheduledScan() {
        if (policy.enabled()) {
            scan(clock.instant());
        }
    }

    /** One pass over the orders due to move up (an indexed query, not every open order); answers how many moved. */
    public int scan(Instant now) {
        int escalated = 0;
        UUID after = null;
        while (true) {
            List<UUID> ids = store.dueForEscalation(now, after, PAGE);
            for (UUID id : ids) {
                try {
                    if (workOrders.escalate(id, policy, now)) {
                        escalated++;
                    }
                }
                catch (RuntimeException ex) {
                    log.warn("Could not escalate order {} this pass: {}", id, ex.toString());
                }
            }
            if (ids.size() < PAGE) {
                break;
            }
            after = ids.get(ids.size() - 1);
        }
        if (escalated > 0) {
            log.info("Escalation pass: {} orders moved up", escalated);
        }
        return escalated;
    }
}
