package cn.onenet.routing.workorder;

import cn.onenet.routing.workorder.OutboxStore.Lease;
import cn.onenet.routing.workorder.OutboxStore.PendingEvent;
import java.util.List;
import java.util.UUID;

/** Tells the relay an order has new events to publish, so they leave at once rather than at the next sweep. */
public interface OutboxSignal {

    void eventsPending(UUID orderId);

    /**
     * A lease to store a new order's events under, so that they are held for this relay from the insert on and it
     * publishes them without claiming them first (see {@link #eventsHeld}); null when the relay is too far behind
     * to take them soon: the order is then stored with its events free and announced by {@link #eventsPending}.
     */
    Lease leaseForNewOrder();

    /** The events of an order just stored under {@code lease} (one {@link #leaseForNewOrder} gave), in order. */
    void eventsHeld(UUID orderId, Lease lease, List<PendingEvent> events);
}
