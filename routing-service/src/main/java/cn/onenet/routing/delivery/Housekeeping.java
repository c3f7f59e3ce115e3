package cn.onenet.routing.delivery;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the delivery store from growing forever: delivered and pull-only deliveries go after the retention period. */
@Component
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final DeliveryStore deliveries;
    private final DeliverySettings settings;
    private final Clock clock;

    Housekeeping(DeliveryStore deliveries, DeliverySettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        Instant before = clock.instant().minus(settings.retention());
        try {
            long removed = deliveries.purge(before);
            if (removed > 0) {
                log.info("Removed {} delivered and pull-only deliveries older than {}", removed, before);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Delivery housekeeping failed (it runs again in an hour): {}", ex.toString());
        }
    }
}
