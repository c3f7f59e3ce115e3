package cn.onenet.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.onenet.platform.kafka.admin.DeadLetters;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The suite's error handler with a batch listener (the deliveries read the lifecycle a poll at a time). A failure
 * that names no record is retried as a whole: while the store is away, for as long as it takes, with nothing
 * parked, however many retries a bad record gets; a batch that fails on its own is parked after those retries.
 */
class OneNetErrorHandlerTests {

    private static final TopicPartition PARTITION = new TopicPartition("onenet.requests.lifecycle.v1", 2);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommonErrorHandler handler = new OneNetKafkaConfiguration().onenetErrorHandler(template(),
            new OneNetKafkaProperties(6, null, 1, Duration.ofMillis(10)), meters,
            new StaticListableBeanFactory().getBeanProvider(DeadLetters.class));

    @Test
    void aBatchWhoseStoreIsAwayLongerThanTheRetriesIsTriedUntilItIsBackAndNothingIsParked() {
        RuntimeException storeAway = new ListenerExecutionFailedException("listener failed",
                new DataAccessResourceFailureException("store away",
                        new MongoSocketReadException("connection reset", new ServerAddress())));
        AtomicInteger calls = new AtomicInteger();

        // the first call failed already; the next two fail too (more than the one retry a bad record gets)
        handler.handleBatch(storeAway, batch(), consumer(), container(), () -> {
            if (calls.incrementAndGet() <= 2) {
                throw storeAway;
            }
        });

        assertThat(calls).as("the batch tried until the store answered").hasValue(3);
        assertThat(parked()).as("records parked while the store was away").isZero();
    }

    @Test
    void aBatchThatFailsOnItsOwnIsParkedAfterTheRetries() {
        RuntimeException badBatch = new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("no such category"));

        handler.handleBatch(badBatch, batch(), consumer(), container(), () -> {
            throw badBatch;
        });

        assertThat(parked()).isEqualTo(3);
    }

    private double parked() {
        return meters.find("onenet.kafka.dead.letters").tag("topic", PARTITION.topic()).counters().stream()
            .mapToDouble(counter -> counter.count())
            .sum();
    }

    private static ConsumerRecords<String, byte[]> batch() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (long offset = 40; offset < 43; offset++) {
            records.add(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, "key", new byte[0]));
        }
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of());
    }

    @SuppressWarnings("unchecked")
    private static KafkaOperations<Object, Object> template() {
        KafkaOperations<Object, Object> template = mock(KafkaOperations.class);
        when(template.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        return template;
    }

    @SuppressWarnings("unchecked")
    private static Consumer<String, byte[]> consumer() {
        Consumer<String, byte[]> consumer = mock(Consumer.class);
        when(consumer.assignment()).thenReturn(Set.of(PARTITION));
        when(consumer.poll(any(Duration.class))).thenReturn(ConsumerRecords.empty());
        return consumer;
    }

    private static MessageListenerContainer container() {
        MessageListenerContainer container = mock(MessageListenerContainer.class);
        when(container.getContainerProperties()).thenReturn(new ContainerProperties(PARTITION.topic()));
        when(container.isRunning()).thenReturn(true);
        when(container.getContainerFor(any(), anyInt())).thenReturn(container);
        return container;
    }
}
