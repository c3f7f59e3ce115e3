package cn.onenet.platform.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** The broker as a health component ({@code kafka}) of every service that uses Kafka. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(HealthProperties.class)
public class KafkaHealthConfiguration {

    @Bean("kafkaHealthIndicator")
    @ConditionalOnBean(KafkaAdmin.class)
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, HealthProperties properties,
            @Value("${spring.application.name:onenet}") String applicationName) {
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), applicationName + "-health",
                properties.timeout(), properties.kafkaCacheFor());
    }
}
