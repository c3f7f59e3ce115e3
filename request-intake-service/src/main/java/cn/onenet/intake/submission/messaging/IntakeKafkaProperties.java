package cn.onenet.intake.submission.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publishTimeout how long a request waits for the broker's acknowledgement before it is answered 503
 * @param retryAfter what the 503 tells the caller to wait before retrying
 */
@ConfigurationProperties("onenet.intake")
record IntakeKafkaProperties(@DefaultValue("5s") Duration publishTimeout, @DefaultValue("5s") Duration retryAfter) {
}
