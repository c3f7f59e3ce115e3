package cn.onenet.platform.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bounds of the starter's health checks.
 *
 * @param timeout how long a check waits for the store or the broker before it reports DOWN ("timed out after …")
 * @param kafkaCacheFor how long the broker's answer is reused, so a burst of health checks asks it once
 */
@ConfigurationProperties("onenet.health")
public record HealthProperties(@DefaultValue("2s") Duration timeout, @DefaultValue("5s") Duration kafkaCacheFor) {
}
