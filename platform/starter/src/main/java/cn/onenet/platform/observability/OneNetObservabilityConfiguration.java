package cn.onenet.platform.observability;

import cn.onenet.platform.kafka.OneNetKafkaConfiguration;
import cn.onenet.platform.kafka.admin.DeadLetters;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/** Kafka consumer lag and the dead-letter backlog as metrics, for every service that consumes. */
@AutoConfiguration(after = OneNetKafkaConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class OneNetObservabilityConfiguration {

    @Bean
    @ConditionalOnBean({ KafkaAdmin.class, DeadLetters.class })
    KafkaBacklogMetrics kafkaBacklogMetrics(KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners,
            DeadLetters deadLetters, MeterRegistry meters, ObservabilityProperties properties) {
        return new KafkaBacklogMetrics(kafkaAdmin, listeners, deadLetters, meters, properties.kafkaMetricsInterval());
    }

    /** Traces carried through storage (routing's outbox); does nothing where tracing is off. */
    @Bean
    StoredTraces storedTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new StoredTraces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Health checks and scrapes are not exported to Zipkin (see {@link ManagementSpansUnexported}). */
    @Bean
    ManagementSpansUnexported managementSpansUnexported(
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        return new ManagementSpansUnexported(basePath);
    }

    /**
     * Spring Kafka observes record listeners as {@code spring.kafka.listener} (tags {@code messaging.*},
     * {@code spring.kafka.listener.id}) but times batch listeners, which it can't observe, with its older timer of
     * the same name and other tags ({@code name}, {@code result}, {@code exception}). Prometheus keeps one set of tag
     * keys per name and dropped whichever came second; the batch timers are {@code spring.kafka.listener.batch}.
     */
    @Bean
    MeterFilter batchListenerTimers() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (LISTENER_TIMER.equals(id.getName()) && id.getTag("name") != null
                        && id.getTag("spring.kafka.listener.id") == null) {
                    return id.withName(LISTENER_TIMER + ".batch");
                }
                return id;
            }
        };
    }

    private static final String LISTENER_TIMER = "spring.kafka.listener";
}
