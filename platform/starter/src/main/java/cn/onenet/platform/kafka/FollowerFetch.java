package cn.onenet.platform.kafka;

import java.util.Properties;
import org.springframework.core.env.PropertyResolver;

/**
 * Fetch settings for a consumer that follows a topic in the background, where a tenth of a second more before a
 * record is read changes nothing for anyone (results planned for channels and departments, the duplicate index,
 * merged orders' outcomes). With the consumer's defaults the broker answers a fetch as soon as one byte is there:
 * at 150 requests a second each such consumer of routing fetched 47–81 times a second (README, twelfth session), a
 * record or two each time, and those of a consumer group committed their offsets as often. With these the broker
 * answers once 64 KB are there or 100 ms have passed ({@code onenet.kafka.follower-fetch.min-bytes} and
 * {@code max-wait-ms} change them). Consumers on the way from acceptance to dispatch keep the defaults.
 *
 * <p>A listener names them in {@code @KafkaListener(properties = {MIN_BYTES, MAX_WAIT})}; {@link #resolved} gives
 * them to a consumer made by hand.
 */
public final class FollowerFetch {

    public static final String MIN_BYTES = "fetch.min.bytes=${onenet.kafka.follower-fetch.min-bytes:65536}";
    public static final String MAX_WAIT = "fetch.max.wait.ms=${onenet.kafka.follower-fetch.max-wait-ms:100}";

    private FollowerFetch() {
    }

    /** Both settings, their placeholders resolved, as consumer properties. */
    public static Properties resolved(PropertyResolver resolver) {
        Properties properties = new Properties();
        for (String setting : new String[] { MIN_BYTES, MAX_WAIT }) {
            String[] nameAndValue = resolver.resolveRequiredPlaceholders(setting).split("=", 2);
            properties.put(nameAndValue[0], nameAndValue[1]);
        }
        return properties;
    }
}
