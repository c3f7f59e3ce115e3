package cn.onenet.routing.workorder;

import java.util.UUID;

/** Tells the relay an order has new events to publish, so they leave at once rather than at the next sweep. */
public interface OutboxSignal {

    void eventsPending(UUID orderId);
}
