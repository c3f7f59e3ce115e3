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
 * @param perGroup how many open orders of the window each community and category keeps to compare with, the newest
 *            (a bound on memory and on the comparisons each arrival makes; the log says when a group passes it)
 */
@ConfigurationProperties("onenet.duplicates")
public record DuplicateSettings(@DefaultValue("72h") Duration window, @DefaultValue("0.35") double threshold,
        @DefaultValue("5") int limit, @DefaultValue("1000") int perGroup) {

    public DuplicateSettings {
        if (perGroup < 1) {
            throw new IllegalArgumentException("onenet.duplicates.per-group must be at least 1, not " + perGroup);
        }
    }
}
