package cn.onenet.intake.submission.web;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param timeZone the offset timestamps are shown in (the district's local time) */
@ConfigurationProperties("onenet.web")
record IntakeWebProperties(@DefaultValue("Asia/Shanghai") ZoneId timeZone) {
}
