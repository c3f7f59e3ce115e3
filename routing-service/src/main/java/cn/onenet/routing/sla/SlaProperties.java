package cn.onenet.routing.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeZone the zone working days are counted in
 * @param workdayStart when the clock starts for an order that arrives on a non-working day
 * @param calendarRefresh how soon a calendar change made through another instance is seen here
 */
@ConfigurationProperties("onenet.sla")
public record SlaProperties(@DefaultValue("Asia/Shanghai") ZoneId timeZone, @DefaultValue("09:00") LocalTime workdayStart,
        @DefaultValue("30s") Duration calendarRefresh) {
}
