package cn.onenet.routing.workorder;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How likely duplicates are looked for.
 *
 * @param window how far back to look
 * @param threshold the lowest score offered to a dispatcher
 * @param limit how many candidates at most
 */
@ConfigurationProperties("onenet.duplicates")
public record DuplicateSettings(@DefaultValue("72h") Duration window, @DefaultValue("0.35") double threshold,
        @DefaultValue("5") int limit) {
}
