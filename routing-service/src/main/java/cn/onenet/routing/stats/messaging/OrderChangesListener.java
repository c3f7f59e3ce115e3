package cn.onenet.routing.stats.messaging;

import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.ExtensionRequested;
import cn.onenet.contracts.requests.MergedOriginalProgressed;
import cn.onenet.contracts.requests.RequestEscalated;
import cn.onenet.contracts.requests.RequestStarted;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.kafka.EventDecodingException;
import cn.onenet.routing.messaging.ListenerCommits;
import cn.onenet.routing.stats.SummaryCells;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Every lifecycle event is a change of its order (each change of an order publishes one, from the order's own
 * outbox), so its key — the order's id — marks the minute the order was accepted in for counting again, unless the
 * step changes nothing a cell counts. A poll's
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

    /**
     * Steps that change nothing a cell counts (see {@code OrderFacts}): work started, an extension asked for (its
     * decision moves the deadline and is counted), a rung of the supervision ladder, a merged duplicate following its
     * original (it stays merged). Escalations alone come by the thousand once orders run late, and each would have
     * its whole minute counted again. The requester asking again (催办) is counted: it makes the order a 催办件.
     */
    static final Set<String> UNCOUNTED = Set.of(EventTypes.nameOf(RequestStarted.class),
            EventTypes.nameOf(ExtensionRequested.class), EventTypes.nameOf(RequestEscalated.class),
            EventTypes.nameOf(MergedOriginalProgressed.class));

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
            if (!UNCOUNTED.contains(EventCodec.header(record.headers(), EventCodec.TYPE))) {
                orders.add(order);
            }
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
