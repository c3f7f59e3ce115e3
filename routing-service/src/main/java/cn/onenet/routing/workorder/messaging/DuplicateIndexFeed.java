package cn.onenet.routing.workorder.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestClosed;
import cn.onenet.contracts.requests.RequestLifecycleEvent;
import cn.onenet.contracts.requests.RequestMerged;
import cn.onenet.contracts.requests.RequestReceived;
import cn.onenet.contracts.requests.RequestRejected;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.platform.kafka.FollowerFetch;
import cn.onenet.routing.workorder.DuplicateFinder;
import cn.onenet.routing.workorder.WorkOrderStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's duplicate index in step with every instance: reads the whole lifecycle topic from its
 * end (no consumer group commits: each instance reads everything), adds the orders other instances create and
 * removes the ones closed, rejected or merged. Started before the listeners, it seeks to the end and then loads
 * the open orders from the store, so nothing falls between the two.
 */
@Component
class DuplicateIndexFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DuplicateIndexFeed.class);

    private final DuplicateFinder index;
    private final WorkOrderStore store;
    private final ConsumerFactory<String, byte[]> consumers;
    private final EventCodec codec;
    private final Clock clock;
    private final Environment environment;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;

    DuplicateIndexFeed(DuplicateFinder index, WorkOrderStore store, ConsumerFactory<String, byte[]> consumers,
            EventCodec codec, Clock clock, Environment environment) {
        this.index = index;
        this.store = store;
        this.consumers = consumers;
        this.codec = codec;
        this.clock = clock;
        this.environment = environment;
    }

    @Override
    public void start() {
        Properties overrides = FollowerFetch.resolved(environment);
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = consumers.createConsumer(null, "duplicate-index", null, overrides);
        thread = new Thread(this::run, "duplicate-index-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Consumer<String, byte[]> feed = consumer;
        try {
            follow(feed);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : feed.poll(Duration.ofSeconds(1))) {
                    apply(record);
                }
            }
        }
        catch (WakeupException | InterruptException ex) {
            // stopping
        }
        finally {
            feed.close(Duration.ofSeconds(2));
        }
    }

    /** Seeks to the end of every partition, waiting for the broker if it isn't there yet, then loads the store. */
    private void follow(Consumer<String, byte[]> feed) {
        while (true) {
            try {
                List<TopicPartition> partitions = feed.partitionsFor(Topics.REQUESTS_LIFECYCLE, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
                feed.assign(partitions);
                feed.seekToEnd(partitions);
                partitions.forEach(feed::position);
                break;
            }
            catch (org.apache.kafka.common.errors.TimeoutException ex) {
                log.warn("Duplicate index waits for the broker: {}", ex.toString());
            }
        }
        index.ensureLoaded(clock.instant());
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            Object event = codec.decode(record);
            if (event instanceof RequestReceived received && !index.knows(received.requestId())) {
                store.find(received.requestId()).ifPresent(index::remember);
            }
            else if (event instanceof RequestClosed || event instanceof RequestRejected || event instanceof RequestMerged) {
                index.forget(((RequestLifecycleEvent) event).requestId());
            }
        }
        catch (RuntimeException ex) {
            // the index is an aid to dispatchers: a record it can't read costs a candidate, never an order
            log.warn("Duplicate index skipped lifecycle record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), ex.toString());
        }
    }

    @Override
    public void stop() {
        Consumer<String, byte[]> feed = consumer;
        if (feed != null) {
            feed.wakeup();
        }
        Thread running = thread;
        if (running != null) {
            try {
                running.join(3000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        consumer = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Before the listener containers (phase {@code Integer.MAX_VALUE - 100}), so the index is ready first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
