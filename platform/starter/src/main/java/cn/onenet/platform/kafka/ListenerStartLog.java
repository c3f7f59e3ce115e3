package cn.onenet.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.event.ConsumerStartedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Says, when each listener's consumer starts, that it now waits for its partitions: until Spring Kafka's
 * "partitions assigned" follows, nothing is read — for as long as a member of the group that died without leaving
 * still holds them (its session timeout). Without this line a service looked ready while reading nothing.
 */
class ListenerStartLog implements ApplicationListener<ConsumerStartedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ListenerStartLog.class);

    private final Object sessionTimeout;

    ListenerStartLog(ConsumerFactory<?, ?> consumers) {
        this.sessionTimeout = consumers.getConfigurationProperties().getOrDefault(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000 (Kafka's default)");
    }

    @Override
    public void onApplicationEvent(ConsumerStartedEvent event) {
        MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
        log.info("Listener {} of group {} started; it waits for its partitions (\"partitions assigned\" follows): a "
                + "member that died without leaving holds its own until its session times out ({} ms)",
                container.getListenerId(), container.getGroupId(), sessionTimeout);
    }
}
