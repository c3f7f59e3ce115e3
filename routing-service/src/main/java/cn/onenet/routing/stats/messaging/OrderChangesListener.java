package cn.onenet.routing.stats.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.platform.kafka.EventDecodingException;
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

    // cells are counted every 30 s: a second's events at a time, a lookup and a mark or two for each (with the
    // follower's tenth of a second, about ten lookups and durable marks a second at 100 requests a second)
    static final String FETCH_MIN_BYTES = "fetch.min.bytes=1048576";
    static final String FETCH_MAX_WAIT = "fetch.max.wait.ms=1000";
    static final String MAX_POLL_RECORDS = "max.poll.records=1000";

    private final SummaryCells cells;

    OrderChangesListener(SummaryCells cells) {
        this.cells = cells;
    }

    @KafkaListener(id = ListenerCommits.SUMMARY_CELLS, groupId = ListenerCommits.SUMMARY_CELLS,
            topics = Topics.REQUESTS_LIFECYCLE, autoStartup = "${onenet.stats.cells.enabled:true}", batch = "true",
            properties = { FETCH_MIN_BYTES, FETCH_MAX_WAIT, MAX_POLL_RECORDS })
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
