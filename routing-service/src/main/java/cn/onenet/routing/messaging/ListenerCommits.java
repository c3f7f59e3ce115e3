package cn.onenet.routing.messaging;

import java.time.Duration;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * Routing's consumer groups (each listener's id is its group) and how often they commit their offsets: once a
 * {@code onenet.routing.commits.interval} (a second) or {@code onenet.routing.commits.records} (100), and at once
 * when a poll finds nothing new, instead of after every poll.
 *
 * <p>Under steady load each poll of the submissions' consumers brings a record or two, so each committed twenty to
 * thirty times a second; the lifecycle's readers (deliveries, merged orders' outcomes), whose fetches wait up to 100 ms
 * for more ({@code FollowerFetch}), after every poll that brought records: at 100 requests a second the two delivery
 * consumers 16.7 commits a second between them, the merged outcomes' reader 8.4 (README, twenty-first session). Every
 * commit is a request the broker's network and request threads and its group coordinator work on. The container checks
 * the interval after every record, also inside a poll's batch: with a tenth of a second, a consumer that had fallen
 * behind (batches of up to 200 records) committed ten times a second instead of once a batch and caught up more slowly;
 * with a second it commits about as often as it did once a batch. Nothing is lost either way: a record is committed
 * only once handled, and one handled again after a crash changes nothing (an order finds itself stored, a delivery its
 * event planned, a merged duplicate its outcome followed). Polls wait at most a second, so the last records of a burst
 * are committed within about a second (with the default five seconds the lag the operators watch would stay up that
 * long).
 */
@Configuration(proxyBeanMethods = false)
public class ListenerCommits {

    /** Accepted requests, made work orders. */
    public static final String SUBMISSIONS = "routing-submissions";
    /** The lifecycle, planned as deliveries to channels and departments. */
    public static final String DELIVERIES = "routing-delivery";
    /** The lifecycle, the outcomes of originals that duplicates were merged into. */
    public static final String MERGED_OUTCOMES = "routing-merged-outcomes";

    /** The lifecycle, as the changes that mark summary cells to count again. */
    public static final String SUMMARY_CELLS = "routing-summary-cells";

    /** Every group whose commits this sets. */
    public static final Set<String> GROUPS = Set.of(SUBMISSIONS, DELIVERIES, MERGED_OUTCOMES, SUMMARY_CELLS);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> commitInterval(
            CommitSettings settings) {
        return container -> {
            if (GROUPS.contains(container.getListenerId())) {
                var properties = container.getContainerProperties();
                properties.setAckMode(AckMode.COUNT_TIME);
                properties.setAckTime(settings.interval().toMillis());
                properties.setAckCount(settings.records());
                properties.setPollTimeout(POLL_TIMEOUT.toMillis());
            }
        };
    }
}
