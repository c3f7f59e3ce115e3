package cn.onenet.platform.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing and metrics defaults at the lowest precedence (a service's own configuration wins): every request is
 * traced locally (sampling 1.0; lower it with {@code management.tracing.sampling.probability} under load), the
 * W3C {@code traceparent} header carries the trace over HTTP and Kafka, trace and span ids sit in every log line
 * next to the correlation id, spans are exported to Zipkin only when {@code management.tracing.export.zipkin.enabled}
 * is set, Spring Security's per-filter observations are off, and the HTTP server and Kafka listener and template timers
 * publish percentile histograms.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "onenetObservabilityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.tracing.sampling.probability", "1.0");
        defaults.put("management.tracing.export.zipkin.enabled", "false");
        defaults.put("management.tracing.export.zipkin.endpoint", "http://localhost:9411/api/v2/spans");
        // Spring Security's own observations (a span per filter of the chain, per authentication and authorization)
        // were a fifth of intake's CPU under load and say nothing a supervisor reads: the HTTP and Kafka spans stay
        defaults.put("management.observations.enable.spring.security", "false");
        // nor is each run of a scheduled task (routing's pollers and sweeps, several a second): exported, their
        // spans were most of what Zipkin held; what a task sends over Kafka starts a trace of its own instead
        defaults.put("management.observations.enable.tasks.scheduled.execution", "false");
        // plain-text logs; the ECS (JSON) lines carry every MDC entry (correlationId, traceId, spanId) as fields
        defaults.put("logging.pattern.correlation", "[%X{correlationId:-},%X{traceId:-},%X{spanId:-}] ");
        for (String timer : new String[] { "http.server.requests", "spring.kafka.listener", "spring.kafka.template" }) {
            // 1 ms … 10 s: 61 buckets per series (measured), the range a supervisor reads
            defaults.put("management.metrics.distribution.percentiles-histogram." + timer, "true");
            defaults.put("management.metrics.distribution.minimum-expected-value." + timer, "1ms");
            defaults.put("management.metrics.distribution.maximum-expected-value." + timer, "10s");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
