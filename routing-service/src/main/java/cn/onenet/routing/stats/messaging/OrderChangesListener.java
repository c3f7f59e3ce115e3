package cn.onenet.routing.stats.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.platform.kafka.EventDecodingException;
import cn.onenet.platform.kafka.FollowerFetch;
import cn.onenet.routing.messaging.ListenerCommits;
import cn.onenet.routing.stats.SummaryCells;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Every lifecycle event is a change of its order (each change of an order publishes one, from the order's own
 * outbox), so its key — the order's id — marks the minute the order was accepted in for counting again. A poll's
 * worth at a time, in a consumer group of its own; the offsets are committed only once the marks are stored, so a
 * change is never left unmarked, and marking twice only counts a minute once more.
 */
@Component
class OrderChangesListener {

    private final SummaryCells cells;

    OrderChangesListener(SummaryCells cells) {
        this.cells = cells;
    }

    @KafkaListener(id = ListenerCommits.SUMMARY_CELLS, groupId = ListenerCommits.SUMMARY_CELLS,
            topics = Topics.REQUESTS_LIFECYCLE, autoStartup = "${onenet.stats.cells.enabled:true}", batch = "true",
            properties = { FollowerFetch.MIN_BYTES, FollowerFetch.MAX_WAIT })
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<UUID> orders = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, byte[]> record = records.get(index);
            UUID order = orderId(record.key());
            if (order == null) {
                // the ones before it are marked (and committed); it goes to the dead letters; what follows comes again
                cells.changed(orders);
                EventDecodingException unreadable = new EventDecodingException("Not an order's id as the key of "
                        + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + record.key());
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, index);
            }
            orders.add(order);
        }
        cells.changed(orders);
    }

    private static UUID orderId(String key) {
        if (key == null) {
            return null;
        }
        try {
            return UUID.fromString(key);
        }
        catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
