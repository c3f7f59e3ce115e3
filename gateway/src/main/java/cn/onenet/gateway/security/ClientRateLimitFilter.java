package cn.onenet.gateway.security;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.gateway.problem.Problem;
import cn.onenet.gateway.problem.ProblemResponses;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A Resilience4j rate limiter per client, keyed by the token's subject (a machine client's id, a person's user
 * name), so one busy client can't crowd out the others. Beyond its allowance a client gets 429 Problem Details with
 * {@code Retry-After}; calls without a token (the console's files, health) are not counted. Limiters are
 * {@code client:<subject>} in the Resilience4j registry, so their metrics are exported.
 */
@Component
@Order(-90)
class ClientRateLimitFilter implements WebFilter {

    private final GatewaySecurityProperties.RateLimit settings;
    private final RateLimiterRegistry registry;
    private final ProblemResponses problems;

    ClientRateLimitFilter(GatewaySecurityProperties properties, RateLimiterRegistry registry, ProblemResponses problems) {
        this.settings = properties.rateLimit();
        this.registry = registry;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
            .map(Caller::of)
            .flatMap(caller -> {
                RateLimiter limiter = limiterFor(caller.subject());
                if (limiter.acquirePermission()) {
                    return chain.filter(exchange).then(Mono.just(Boolean.TRUE));
                }
                return refuse(exchange, caller.subject(), limiter).then(Mono.just(Boolean.TRUE));
            })
            .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).then(Mono.just(Boolean.TRUE))))
            .then();
    }

    private RateLimiter limiterFor(String subject) {
        return registry.rateLimiter("client:" + subject, () -> {
            GatewaySecurityProperties.Limit limit = settings.limitFor(subject);
            return RateLimiterConfig.custom()
                .limitForPeriod(limit.limitForPeriod())
                .limitRefreshPeriod(limit.refreshPeriod())
                .timeoutDuration(Duration.ZERO)
                .build();
        });
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String subject, RateLimiter limiter) {
        RateLimiterConfig config = limiter.getRateLimiterConfig();
        long retryAfter = Math.max(1, (config.getLimitRefreshPeriod().toMillis() + 999) / 1000);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return problems.write(exchange, new Problem(ProblemTypes.TOO_MANY_REQUESTS, "Too many requests", 429,
                "Client " + subject + " may make " + config.getLimitForPeriod() + " calls per "
                        + config.getLimitRefreshPeriod().toMillis() + " ms; try again in " + retryAfter + " s.",
                exchange.getRequest().getPath().value(),
                Map.of("limitForPeriod", config.getLimitForPeriod(),
                        "limitRefreshPeriodMillis", config.getLimitRefreshPeriod().toMillis())), headers);
    }
}
