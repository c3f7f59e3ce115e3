package cn.onenet.routing.workorder.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings orders stored by an earlier routing up to what this one writes, once it has started, on a thread of its
 * own (a day's orders take seconds; requests are served meanwhile, and read such orders correctly, only more
 * slowly): returned, rejected and merged orders stop naming a department, the orders departments hold get the
 * moment they are late from, the orders ever dispatched get the department they were last handed to, and those the
 * requesters asked after how many times they did (the list of orders asked after finds them only from then). Each
 * step is idempotent and every instance may run it; what fails is tried again at the next start.
 */
@Component
class EarlierOrdersUpgrade {

    private static final Logger log = LoggerFactory.getLogger(EarlierOrdersUpgrade.class);

    private final MongoWorkOrderStore store;

    EarlierOrdersUpgrade(MongoWorkOrderStore store) {
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        Thread upgrade = new Thread(this::upgrade, "earlier-orders-upgrade");
        upgrade.setDaemon(true);
        upgrade.start();
    }

    void upgrade() {
        try {
            store.forgetDepartmentsOfOrdersNoneHolds();
            store.recordLateFromOfEarlierOrders();
            store.recordDispatchedToOfEarlierOrders();
            store.recordFollowUpsOfEarlierOrders();
        }
        catch (RuntimeException ex) {
            log.warn("Could not bring the orders an earlier routing stored up to date; tried again at the next start",
                    ex);
        }
    }
}
