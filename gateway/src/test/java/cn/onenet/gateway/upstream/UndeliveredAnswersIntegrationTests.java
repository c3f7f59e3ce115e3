package cn.onenet.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.gateway.GatewayIntegrationTestSupport;
import cn.onenet.gateway.problem.ProblemResponses;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * An answer the service gave but the caller had gone away before it was written (the caller's timeout under load) is
 * not the service's failure: it must not open the service's breaker and shut every other caller out. The breaker and
 * its configuration are the application's (the identity service's, which no other test here calls).
 */
class UndeliveredAnswersIntegrationTests extends GatewayIntegrationTestSupport {

    private static final int CALLS = 20;

    @Autowired
    ReactiveCircuitBreakerFactory<?, ?> breakers;

    @Autowired
    ProblemResponses problems;

    @Autowired
    MeterRegistry meters;

    @Test
    void callersThatWentAwayWhileTheirAnswersWereWrittenDoNotOpenTheServicesBreaker() {
        CircuitBreakerFilter filter = filter(exchange -> true);
        double before = undelivered();

        for (int i = 0; i < CALLS; i++) {
            ServerWebExchange exchange = exchange();
            filter.filter(exchange, answeredThenWriteFails()).block(Duration.ofSeconds(5));
            assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }

        CircuitBreaker breaker = circuitBreakers.circuitBreaker(Upstream.IDENTITY.circuitBreaker());
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(CALLS);
        assertThat(undelivered() - before).isEqualTo(CALLS);
    }

    @Test
    void anAnswerThatBreaksOffWhileTheCallerIsStillThereStillCountsAgainstTheService() {
        CircuitBreakerFilter filter = filter(exchange -> false);
        CircuitBreaker breaker = circuitBreakers.circuitBreaker(Upstream.IDENTITY.circuitBreaker());
        double before = undelivered();

        for (int i = 0; i < CALLS && breaker.getState() == CircuitBreaker.State.CLOSED; i++) {
            filter.filter(exchange(), answeredThenWriteFails()).onErrorResume(AbortedException.class, e -> Mono.empty())
                    .block(Duration.ofSeconds(5));
        }

        // the configured minimum of 10 calls, all failed
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(10);
        assertThat(undelivered()).isEqualTo(before);
    }

    @Test
    void aCallerWithoutANettyConnectionIsNotTakenForGone() {
        assertThat(CircuitBreakerFilter.callerConnectionClosed(exchange())).isFalse();
    }

    private CircuitBreakerFilter filter(Predicate<ServerWebExchange> callerGone) {
        return new CircuitBreakerFilter(Upstream.IDENTITY, Duration.ofSeconds(5),
                breakers.create(Upstream.IDENTITY.circuitBreaker()), problems, callerGone, meters);
    }

    /** The service answered 202; writing the answer to the caller then fails, as on a closed connection. */
    private static GatewayFilterChain answeredThenWriteFails() {
        return exchange -> {
            exchange.getResponse().setStatusCode(HttpStatus.ACCEPTED);
            return exchange.getResponse().setComplete()
                    .then(Mono.error(AbortedException.beforeSend()));
        };
    }

    private static ServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/clients"));
    }

    private double undelivered() {
        return meters.counter("onenet.gateway.answers.undelivered", "service", Upstream.IDENTITY.serviceName()).count();
    }
}
