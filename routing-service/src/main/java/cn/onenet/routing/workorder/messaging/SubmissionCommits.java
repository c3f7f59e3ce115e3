package cn.onenet.routing.workorder.messaging;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * How often the submissions' consumers commit their offsets: once a {@code onenet.routing.submission-commit-interval}
 * (a second) or 100 records, and at once when a poll finds nothing new, instead of after every poll. Under steady
 * load each poll brings a record or two, so each consumer committed twenty to thirty times a second, each commit a
 * request the broker's network and request threads and its group coordinator work on. The container checks the
 * interval after every record, also inside a poll's batch: with a tenth of a second, a consumer that had fallen
 * behind (batches of up to 200 records) committed ten times a second instead of once a batch and caught up more
 * slowly; with a second it commits about as often as it did once a batch. Nothing is lost either way: a record is
 * committed only once handled, and one handled again after a crash finds its order and changes nothing
 * ({@link SubmissionListener}). Polls wait at most a second, so the last records of a burst are committed within
 * about a second (with the default five seconds the lag the operators watch would stay up that long).
 */
@Configuration(proxyBeanMethods = false)
class SubmissionCommits {

    static final String LISTENER = "routing-submissions";
    private static final int COMMIT_AFTER_RECORDS = 100;
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> submissionCommitInterval(
            @Value("${onenet.routing.submission-commit-interval:1s}") Duration interval) {
        return container -> {
            if (LISTENER.equals(container.getListenerId())) {
                var properties = container.getContainerProperties();
                properties.setAckMode(AckMode.COUNT_TIME);
                properties.setAckTime(interval.toMillis());
                properties.setAckCount(COMMIT_AFTER_RECORDS);
                properties.setPollTimeout(POLL_TIMEOUT.toMillis());
            }
        };
    }
}
