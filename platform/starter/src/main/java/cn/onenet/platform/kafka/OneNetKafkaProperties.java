package cn.onenet.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the suite's topics are created and how consumers give up on a record.
 *
 * @param partitions partitions of the request topics (and their dead-letter topics)
 * @param replicationFactor replicas per topic; {@code null} takes the broker's default
 * @param retries attempts after the first before a record goes to its dead-letter topic
 * @param retryBackoff pause between those attempts
 */
@ConfigurationProperties("onenet.kafka")
public record OneNetKafkaProperties(@DefaultValue("6") int partitions, Short replicationFactor,
        @DefaultValue("3") int retries, @DefaultValue("500ms") Duration retryBackoff) {
}
