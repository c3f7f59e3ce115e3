package cn.onenet.routing.workorder.messaging;

import cn.onenet.contracts.EventTypes;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.MergedOriginalProgressed;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.contracts.requests.RequestRejected;
import cn.onenet.contracts.requests.RequestReopened;
import cn.onenet.contracts.requests.RequestResolved;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.kafka.FollowerFetch;
import cn.onenet.routing.messaging.ListenerCommits;
import cn.onenet.routing.workorder.WorkOrderService;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the lifecycle of every order and, when an original that duplicates were merged into is resolved,
 * closed, reopened or rejected, lets each duplicate follow — so every requester hears the outcome. A duplicate that
 * follows passes the outcome on to the duplicates merged into it in turn: an order merged into one that was itself
 * merged later heard nothing of the outcome before. Driven by the published events, so a crash loses nothing: the
 * record is read again and followed once.
 */
@Component
class MergedOutcomeListener {

    private static final Set<String> OUTCOMES = Stream.of(RequestResolved.class, RequestClosed.class,
            RequestReopened.class, RequestRejected.class, MergedOriginalProgressed.class)
        .map(EventTypes::nameOf)
        .collect(Collectors.toUnmodifiableSet());

    private final WorkOrderService workOrders;
    private final EventCodec codec;

    MergedOutcomeListener(WorkOrderService workOrders, EventCodec codec) {
        this.workOrders = workOrders;
        this.codec = codec;
    }

    @KafkaListener(id = ListenerCommits.MERGED_OUTCOMES, groupId = ListenerCommits.MERGED_OUTCOMES,
            topics = Topics.REQUESTS_LIFECYCLE, properties = { FollowerFetch.MIN_BYTES, FollowerFetch.MAX_WAIT })
    void on(ConsumerRecord<String, byte[]> record) {
        String type = EventCodec.header(record.headers(), EventCodec.TYPE);
        if (type != null && !OUTCOMES.contains(type)) {
            return; // most events (received, dispatched, signed for, …) need not even be read
        }
        Object event = codec.decode(record);
        String status;
        String note;
        if (event instanceof RequestResolved resolved) {
            status = "RESOLVED";
            note = resolved.note();
        }
        else if (event instanceof RequestClosed) {
            // the comment is the original's requester's own callback (回访) answer: not another citizen's to read
            status = "CLOSED";
            note = null;
        }
        else if (event instanceof RequestReopened) {
            status = "REOPENED";
            note = null;
        }
        else if (event instanceof RequestRejected rejected) {
            status = "REJECTED";
            note = rejected.reason();
        }
        else if (event instanceof MergedOriginalProgressed followed) {
            status = followed.originalStatus();
            note = followed.note();
        }
        else {
            return;
        }
        RequestLifecycleEvent lifecycle = (RequestLifecycleEvent) event;
        workOrders.propagateToDuplicates(lifecycle.requestId(), lifecycle.eventId().toString(), status, note);
    }
}
