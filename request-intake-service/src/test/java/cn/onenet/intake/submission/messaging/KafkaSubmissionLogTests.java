package cn.onenet.intake.submission.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.intake.submission.SubmissionLogUnavailable;
import cn.onenet.platform.kafka.EventCodec;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** A write the broker did not confirm may still be kept by it; only one never sent is certainly not. */
class KafkaSubmissionLogTests {

    final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
    final KafkaSubmissionLog log = new KafkaSubmissionLog(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), new EventCodec("test"), circuitBreakers,
            new IntakeKafkaProperties(Duration.ofMillis(200), Duration.ofSeconds(5)), new SimpleMeterRegistry());

    @Test
    void aWriteSentButNotConfirmedInTimeHasAnUnknownOutcome() {
        // the broker frozen: the record went out, no acknowledgement comes back
        SubmissionLogUnavailable failure = catchThrowableOfType(SubmissionLogUnavailable.class,
                () -> log.append(submitted()));

        assertThat(producer.history()).hasSize(1);
        assertThat(failure.outcome()).isEqualTo(SubmissionLogUnavailable.Outcome.UNKNOWN);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aWriteThatExpiredUnconfirmedHasAnUnknownOutcome() throws Exception {
        // the producer's own delivery timeout: "may or may not" have been written, says Kafka. It comes while intake
        // waits for the acknowledgement: one already there when send() returns is the producer's refusal
        // (NOT_ACCEPTED), which an expiry firing in that instant had made of it now and then
        KafkaSubmissionLog waitingLog = new KafkaSubmissionLog(
                new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), new EventCodec("test"), circuitBreakers,
                new IntakeKafkaProperties(Duration.ofSeconds(30), Duration.ofSeconds(5)), new SimpleMeterRegistry());
        Thread intake = Thread.currentThread();
        Thread expiry = new Thread(() -> {
            while (intake.getState() != Thread.State.TIMED_WAITING
                    || !producer.errorNext(new TimeoutException("Expiring 1 record(s): 4000 ms has passed"))) {
                Thread.onSpinWait();
            }
        });
        expiry.start();
        SubmissionLogUnavailable failure = catchThrowableOfType(SubmissionLogUnavailable.class,
                () -> waitingLog.append(submitted()));
        expiry.join(1000);

        assertThat(failure.getCause()).hasRootCauseInstanceOf(TimeoutException.class);
        assertThat(failure.outcome()).isEqualTo(SubmissionLogUnavailable.Outcome.UNKNOWN);
    }

    @Test
    void aWriteRefusedByTheOpenCircuitWasNeverSentAndNotAccepted() {
        circuitBreakers.circuitBreaker("submission-log").transitionToOpenState();

        SubmissionLogUnavailable failure = catchThrowableOfType(SubmissionLogUnavailable.class,
                () -> log.append(submitted()));

        assertThat(producer.history()).isEmpty();
        assertThat(failure.outcome()).isEqualTo(SubmissionLogUnavailable.Outcome.NOT_ACCEPTED);
    }

    static RequestSubmitted submitted() {
        return new RequestSubmitted(UUID.randomUUID(), UUID.randomUUID(), "12345678901234567", Channel.LIVELIHOOD,
                "ext-1", null, "elderly-care", "title", "description", Urgency.NORMAL,
                new Location("xingzhou", null, null, null), null, Instant.now(), null, null, null);
    }
}
