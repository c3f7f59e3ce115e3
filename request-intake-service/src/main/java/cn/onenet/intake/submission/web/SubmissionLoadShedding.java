package cn.onenet.intake.submission.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * At most {@code onenet.intake.max-concurrent-submissions} submissions are worked on at once; one more waits up to
 * {@code onenet.intake.shed-after} for a place and is otherwise answered 503 with {@code Retry-After} at once, before
 * its body is read. Without this an overloaded intake queues every request until the caller's timeout: each one is
 * then late, the work done for it wasted, and the queue never drains (the collapse the benchmark showed). With it
 * the requests taken are answered in bounded time and the others know at once to send again (same externalId or
 * Idempotency-Key: still one request). Counted in {@code onenet.intake.shed}.
 */
@Configuration(proxyBeanMethods = false)
class SubmissionLoadShedding implements WebMvcConfigurer {

    private final Places places;

    SubmissionLoadShedding(@Value("${onenet.intake.max-concurrent-submissions:32}") int capacity,
            @Value("${onenet.intake.shed-after:100ms}") Duration shedAfter, MeterRegistry meters) {
        this.places = new Places(capacity, shedAfter, meters);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(places).addPathPatterns("/api/v1/requests");
    }

    /** The places for submissions being worked on; a POST takes one before its body is read, and gives it back. */
    static final class Places implements HandlerInterceptor {

        static final String PERMIT = Places.class.getName() + ".permit";

        private final Semaphore free;
        private final int capacity;
        private final long waitNanos;
        private final Counter shed;

        Places(int capacity, Duration shedAfter, MeterRegistry meters) {
            this.capacity = capacity;
            this.free = new Semaphore(capacity);
            this.waitNanos = shedAfter.toNanos();
            this.shed = meters.counter("onenet.intake.shed");
            Gauge.builder("onenet.intake.in.flight", free, f -> capacity - f.availablePermits()).register(meters);
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws InterruptedException {
            if (!"POST".equals(request.getMethod())) {
                return true;
            }
            if (!free.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                shed.increment();
                throw new IntakeBusy(capacity);
            }
            request.setAttribute(PERMIT, Boolean.TRUE);
            return true;
        }

        @Override
        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                Exception ex) {
            if (request.getAttribute(PERMIT) != null) {
                request.removeAttribute(PERMIT);
                free.release();
            }
        }
    }

    /** Too many submissions at once: nothing was accepted, send the same request again shortly. */
    static final class IntakeBusy extends RuntimeException {

        IntakeBusy(int capacity) {
            super("Intake is working on " + capacity + " requests at once and takes no more this moment. Nothing was "
                    + "accepted; send the same request again (same externalId or Idempotency-Key) after Retry-After.");
        }
    }
}
