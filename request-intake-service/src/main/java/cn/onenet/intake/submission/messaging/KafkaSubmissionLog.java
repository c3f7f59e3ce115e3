package cn.onenet.intake.submission.messaging;

import cn.onenet.contracts.Topics;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.intake.submission.SubmissionLog;
import cn.onenet.intake.submission.SubmissionLogUnavailable;
import cn.onenet.intake.submission.SubmissionLogUnavailable.Outcome;
import cn.onenet.platform.kafka.EventCodec;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends to {@link Topics#REQUESTS_SUBMITTED} and waits for the broker's acknowledgement (acks=all,
 * idempotent producer). When the broker can't confirm in time — or has failed so often that the circuit is
 * open — the caller gets {@link SubmissionLogUnavailable} at once instead of a promise intake can't keep; it says
 * whether the request was certainly not kept (the circuit was open: nothing was sent) or may have been.
 */
@Component
class KafkaSubmissionLog implements SubmissionLog {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final CircuitBreaker circuitBreaker;
    private final IntakeKafkaProperties properties;
    private final Timer publishTimer;

    KafkaSubmissionLog(KafkaTemplate<String, byte[]> kafka, EventCodec codec, CircuitBreakerRegistry circuitBreakers,
            IntakeKafkaProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.codec = codec;
        this.circuitBreaker = circuitBreakers.circuitBreaker("submission-log");
        this.properties = properties;
        this.publishTimer = Timer.builder("onenet.intake.publish")
            .description("Time from send to the broker's acknowledgement of an accepted request")
            .publishPercentileHistogram()
            .register(meters);
    }

    @Override
    public void append(RequestSubmitted submitted) {
        try {
            circuitBreaker.executeCheckedSupplier(() -> publishTimer.recordCallable(() -> kafka
                .send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted,
                        submitted.eventId().toString()))
                .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)));
        }
        catch (CallNotPermittedException ex) {
            throw new SubmissionLogUnavailable("The request log has been failing; intake is not accepting for a moment.",
                    Outcome.NOT_ACCEPTED, properties.retryAfter(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SubmissionLogUnavailable("Interrupted while waiting for the request log.", Outcome.UNKNOWN,
                    properties.retryAfter(), ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            // Once handed to the producer, a record whose acknowledgement did not come in time may or may not have
            // been written (Kafka's own word for delivery.timeout.ms): the broker may have kept it and lost only the
            // answer, or keep it when it wakes. Only the caller's retry of the same request settles it.
            throw new SubmissionLogUnavailable("The request log did not confirm the write in time.", Outcome.UNKNOWN,
                    properties.retryAfter(), ex);
        }
        catch (Throwable ex) {
            // thrown by send() itself, before the record was queued for the broker (a closed producer, a record it
            // can't serialize): nothing was sent
            throw new SubmissionLogUnavailable("The request log refused the write: " + ex.getMessage(),
                    Outcome.NOT_ACCEPTED, properties.retryAfter(), ex);
        }
    }
}
