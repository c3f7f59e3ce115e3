package cn.onenet.platform.kafka;

import cn.onenet.contracts.Topics;
import cn.onenet.platform.kafka.admin.DeadLetterController;
import cn.onenet.platform.kafka.admin.DeadLetters;
import cn.onenet.platform.web.CorrelationId;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka as every service uses it: the suite's topics exist, a record that fails is retried a few times and
 * then parked in {@code <topic>.dlt} with the failure in its headers (never skipped silently) — where operators
 * list and replay it ({@link DeadLetterController}) — and the correlation id of a record is in the log context
 * while it is processed.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaOperations.class)
@EnableConfigurationProperties(OneNetKafkaProperties.class)
public class OneNetKafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OneNetKafkaConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(@Value("${spring.application.name:onenet}") String applicationName) {
        return new EventCodec(applicationName);
    }

    @Bean
    KafkaAdmin.NewTopics onenetTopics(OneNetKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(Topics.REQUESTS_SUBMITTED, Topics.REQUESTS_LIFECYCLE)) {
            topics.add(topic(name, properties.partitions(), properties).build());
            topics.add(topic(Topics.deadLetter(name), properties.partitions(), properties).build());
        }
        topics.add(topic(Topics.REFERENCE_DATA, 1, properties).compact()
            .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")
            .build());
        topics.add(topic(Topics.deadLetter(Topics.REFERENCE_DATA), 1, properties).build());
        topics.add(topic(DeadLetters.LEDGER_TOPIC, 1, properties).compact().build());
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static TopicBuilder topic(String name, int partitions, OneNetKafkaProperties properties) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(partitions);
        Optional.ofNullable(properties.replicationFactor()).ifPresent(builder::replicas);
        return builder;
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler onenetErrorHandler(KafkaOperations<Object, Object> template, OneNetKafkaProperties properties,
            MeterRegistry meterRegistry, ObjectProvider<DeadLetters> deadLetters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> {
                    meterRegistry.counter("onenet.kafka.dead.letters", "topic", record.topic()).increment();
                    log.error("Parking record {}-{}@{} (key {}) in {} after: {}", record.topic(), record.partition(),
                            record.offset(), record.key(), Topics.deadLetter(record.topic()),
                            org.springframework.core.NestedExceptionUtils.getMostSpecificCause(failure).toString());
                    return new TopicPartition(Topics.deadLetter(record.topic()), -1);
                });
        DefaultErrorHandler handler = new DefaultErrorHandler(parkedOnce(recoverer, deadLetters),
                new FixedBackOff(properties.retryBackoff().toMillis(), properties.retries()));
        handler.addNotRetryableExceptions(EventDecodingException.class);
        // the store or the broker away for a moment is not the record's fault: wait for them, never park it
        handler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure)
                ? TransientFailures.backOff() : null);
        return handler;
    }

    /**
     * Parks a record, unless it is a record of a topic its consumers read from the beginning at every start (the
     * reference snapshot, {@link Topics#keepsNewestPerKey}) that its dead-letter topic holds already, parked by the
     * same consumer group: intake met the same unreadable snapshot at each start and parked it once more, counting a
     * dead letter each time. Where the dead-letter topic can't be read, the record is parked (twice rather than never).
     */
    static ConsumerRecordRecoverer parkedOnce(ConsumerRecordRecoverer park, ObjectProvider<DeadLetters> deadLetters) {
        return (record, failure) -> {
            DeadLetters letters = Topics.keepsNewestPerKey(record.topic()) ? deadLetters.getIfAvailable() : null;
            String group = KafkaUtils.getConsumerGroupId();
            if (letters != null && letters.holds(record, group)) {
                log.info("Record {}-{}@{} (key {}) is parked already in {} by {}: not parked again", record.topic(),
                        record.partition(), record.offset(), record.key(), Topics.deadLetter(record.topic()), group);
                return;
            }
            park.accept(record, failure);
        };
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(ConsumerFactory<?, ?> consumerFactory, KafkaOperations<Object, Object> template,
            KafkaListenerEndpointRegistry listeners, MeterRegistry meterRegistry,
            @Value("${spring.application.name:onenet}") String applicationName) {
        return new DeadLetters(consumerFactory, template, listeners, meterRegistry, applicationName);
    }

    /** The operators' dead-letter endpoints, in every servlet service that consumes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class DeadLetterAdminEndpoints {

        @Bean
        DeadLetterController deadLetterController(DeadLetters deadLetters) {
            return new DeadLetterController(deadLetters);
        }
    }

    @Bean
    ListenerStartLog listenerStartLog(ConsumerFactory<?, ?> consumerFactory) {
        return new ListenerStartLog(consumerFactory);
    }

    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    RecordInterceptor<Object, Object> correlationIdRecordInterceptor() {
        return new RecordInterceptor<>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                    Consumer<Object, Object> consumer) {
                String fromHeader = EventCodec.header(record.headers(), CorrelationId.KAFKA_HEADER);
                CorrelationId.set(CorrelationId.acceptOrCreate(fromHeader));
                return record;
            }

            @Override
            public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                CorrelationId.clear();
            }
        };
    }
}
