package cn.onenet.platform.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The services' producer listener, in place of Spring Kafka's {@code LoggingProducerListener}, which logs an ERROR
 * with a stack trace for every record whose send failed: while the broker is away that is one for each of a batch's
 * hundreds of outbox events, again at every retry. The code that sends handles the failure (retries it, answers it,
 * counts it); this says per topic that sends fail, once, then at most once every {@code every} with how many failed
 * meanwhile, and once that they succeed again (intake says each refused request in the WARN line of its 503 as
 * well). A service may declare a listener of its own instead.
 */
public class SendFailureLog implements ProducerListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(SendFailureLog.class);

    private final long everyNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    public SendFailureLog(Duration every) {
        this(every, System::nanoTime);
    }

    SendFailureLog(Duration every, LongSupplier nanoTime) {
        this.everyNanos = every.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A topic's sends failing: since when it was last said, and how many failed since. */
    private static final class Failing {

        long saidAt;
        long since;
        long total;
    }

    @Override
    public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
        String topic = record.topic();
        long now = nanoTime.getAsLong();
        boolean first = false;
        long meanwhile = 0;
        long seconds = 0;
        Failing state;
        synchronized (failing) {
            state = failing.get(topic);
            if (state == null) {
                state = new Failing();
                state.saidAt = now;
                failing.put(topic, state);
                first = true;
            }
            state.total++;
            state.since++;
            if (!first && now - state.saidAt >= everyNanos) {
                meanwhile = state.since;
                seconds = (now - state.saidAt) / 1_000_000_000L;
                state.since = 0;
                state.saidAt = now;
            }
            else if (first) {
                state.since = 0;
            }
        }
        if (first) {
            log.warn("Sends to {} fail: {} (the sender retries or answers it; said again at most every {} s)", topic,
                    exception.toString(), everyNanos / 1_000_000_000L);
        }
        else if (meanwhile > 0) {
            log.warn("Sends to {} still fail: {} in the last {} s; last: {}", topic, meanwhile, seconds,
                    exception.toString());
        }
        log.debug("Send to {} (key {}) failed", topic, record.key(), exception);
    }

    @Override
    public void onSuccess(ProducerRecord<Object, Object> record, RecordMetadata metadata) {
        if (failing.isEmpty()) {
            return;
        }
        Failing state;
        synchronized (failing) {
            state = failing.remove(record.topic());
        }
        if (state != null) {
            log.info("Sends to {} succeed again, after {} failed", record.topic(), state.total);
        }
    }
}
