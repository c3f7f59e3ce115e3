package cn.onenet.platform.kafka;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.ProducerListener;

/**
 * The Kafka template's producer listener ({@link SendFailureLog}) unless a service declares its own; before Boot's
 * Kafka configuration, whose {@code LoggingProducerListener} stands back for it.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaOperations.class)
public class SendFailureLogConfiguration {

    @Bean
    @ConditionalOnMissingBean(ProducerListener.class)
    SendFailureLog sendFailureLog() {
        return new SendFailureLog(Duration.ofSeconds(30));
    }
}
