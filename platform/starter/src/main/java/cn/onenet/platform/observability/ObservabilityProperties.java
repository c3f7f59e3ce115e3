package cn.onenet.platform.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param kafkaMetricsInterval how often consumer lag and the dead-letter backlog are read from the broker (a few
 *     metadata and offset requests, never the records themselves, but for the small replay ledger)
 */
@ConfigurationProperties("onenet.observability")
public record ObservabilityProperties(@DefaultValue("15s") Duration kafkaMetricsInterval) {
}
