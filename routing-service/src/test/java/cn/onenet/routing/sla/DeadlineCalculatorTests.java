package cn.onenet.routing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.routing.reference.ServiceLevel;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlineCalculatorTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final DeadlineCalculator calculator = new DeadlineCalculator(new WeekdayCalendar(),
            new SlaProperties(SHANGHAI, LocalTime.of(9, 0), Duration.ofSeconds(30)));

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
        "2026-11-30T10:15, 5, 2026-12-07T10:15",  // Monday: a week later, same time of day
        "2026-12-04T16:00, 1, 2026-12-07T16:00",  // Friday: skips the weekend
        "2026-12-05T11:00, 1, 2026-12-08T09:00",  // Saturday: counts from Monday 09:00
        "2026-12-06T23:30, 2, 2026-12-09T09:00",  // Sunday night: counts from Monday 09:00
        "2026-12-02T08:00, 0, 2026-12-02T08:00"   // no working days: due at once
    })
    void resolutionDeadlinesCountWorkingDaysAndKeepTheTimeOfDay(LocalDateTime start, int days, LocalDateTime due) {
        Deadlines deadlines = calculator.from(start.atZone(SHANGHAI).toInstant(), new ServiceLevel(4, days));

        assertThat(deadlines.resolveBy()).isEqualTo(due.atZone(SHANGHAI).toInstant());
        assertThat(deadlines.acknowledgeBy()).isEqualTo(start.plusHours(4).atZone(SHANGHAI).toInstant());
    }
}
