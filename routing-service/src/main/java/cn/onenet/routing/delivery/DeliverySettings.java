package cn.onenet.routing.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How results go back to channels and departments.
 *
 * @param enabled whether this instance plans and sends deliveries at all
 * @param consumers lifecycle-topic consumers of the {@code routing-delivery} group in this instance
 * @param pollInterval how often due deliveries, retries and feed positions are looked for (new events are
 *     sent at once; this bounds the wait for a retry whose backoff ran out, or for work of another instance)
 * @param feedSweep how often deliveries left without a feed position (by a crash) are looked for
 * @param workers threads that claim and record deliveries (HTTP calls themselves hold no thread)
 * @param connectTimeout to open a connection to an endpoint
 * @param requestTimeout for an endpoint to answer
 * @param retry when a failed delivery is tried again and when it is parked
 * @param circuitBreaker per endpoint: when to stop calling an endpoint that keeps failing
 * @param bulkhead per endpoint: how many deliveries may be in flight to one endpoint from this instance
 * @param retention how long delivered and pull-only deliveries stay (and the feed reaches back); parked stay
 * @param feedBatchDelay how long a stored delivery waits for others, of any target, before one turn gives them
 *     their feed positions together (one lease, one write and one release for all of them under load)
 */
@ConfigurationProperties("onenet.delivery")
public record DeliverySettings(@DefaultValue("true") boolean enabled, @DefaultValue("2") int consumers,
        @DefaultValue("1s") Duration pollInterval, @DefaultValue("10s") Duration feedSweep, @DefaultValue("4") int workers,
        @DefaultValue("3s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue Retry retry, @DefaultValue CircuitBreaker circuitBreaker, @DefaultValue Bulkhead bulkhead,
        @DefaultValue("30d") Duration retention, @DefaultValue("20ms") Duration feedBatchDelay) {

    /**
     * @param maxAttempts failed attempts after which a delivery is parked
     * @param initialBackoff wait after the first failure
     * @param multiplier growth of the wait after each further failure
     * @param jitter random spread of each wait (0.2: ±20 %), so retries of many deliveries don't line up
     * @param maxBackoff longest wait
     */
    public record Retry(@DefaultValue("10") int maxAttempts, @DefaultValue("5s") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier, @DefaultValue("0.2") double jitter,
            @DefaultValue("30m") Duration maxBackoff) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls among the last {@code slidingWindowSize} that opens it
     * @param slidingWindowSize calls the failure rate is measured over
     * @param minimumNumberOfCalls calls before the rate counts
     * @param waitInOpenState how long an open circuit lets no call through (deliveries wait, no attempt is used)
     * @param permittedCallsInHalfOpenState trial calls after the wait
     */
    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize, @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState, @DefaultValue("2") int permittedCallsInHalfOpenState) {
    }

    /** @param maxConcurrentCalls deliveries in flight to one endpoint at a time */
    public record Bulkhead(@DefaultValue("4") int maxConcurrentCalls) {
    }

    /** How long a stream may stay claimed: longer than any one HTTP call can take. */
    Duration lease() {
        return connectTimeout.plus(requestTimeout).plusSeconds(15);
    }
}
