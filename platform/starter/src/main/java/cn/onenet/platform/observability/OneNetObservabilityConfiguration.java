package cn.onenet.platform.observability;

import cn.onenet.platform.kafka.OneNetKafkaConfiguration;
import cn.onenet.platform.kafka.admin.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
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
}
