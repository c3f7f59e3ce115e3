package cn.onenet.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class FollowerFetchTests {

    @Test
    void aFollowerWaitsFor64KbOrATenthOfASecondUnlessConfiguredOtherwise() {
        StandardEnvironment unset = new StandardEnvironment();
        assertThat(FollowerFetch.resolved(unset)).containsExactlyInAnyOrderEntriesOf(Map.of(
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"));

        StandardEnvironment configured = new StandardEnvironment();
        configured.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "onenet.kafka.follower-fetch.min-bytes", "1", "onenet.kafka.follower-fetch.max-wait-ms", "500")));
        Properties kafkasDefaults = FollowerFetch.resolved(configured);
        assertThat(kafkasDefaults).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1")
            .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
    }
}
