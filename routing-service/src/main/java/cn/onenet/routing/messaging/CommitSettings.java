package cn.onenet.routing.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often routing's consumer groups commit what they have handled ({@link ListenerCommits}).
 *
 * @param interval at most this long between commits while records keep coming
 * @param records or after this many records, whichever comes first
 */
@ConfigurationProperties("onenet.routing.commits")
public record CommitSettings(@DefaultValue("1s") Duration interval, @DefaultValue("100") int records) {
}
