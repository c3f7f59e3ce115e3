package cn.onenet.routing.stats.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.routing.stats.GroupBy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SummaryParametersTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-28T02:15:30Z");

    @Test
    void datesAreWholeDaysInShanghaiWithToIncluded() {
        SummaryParameters parameters = SummaryParameters.parse("2026-11-01", "2026-11-30", "community", SHANGHAI, NOW);

        assertThat(parameters.window().from()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(parameters.window().to()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(parameters.groupBy()).isEqualTo(GroupBy.COMMUNITY);
    }

    @Test
    void dateTimesAreTakenAsGivenAndAnUnencodedPlusIsForgiven() {
        SummaryParameters parameters = SummaryParameters.parse("2026-11-01T08:30:00 08:00", "2026-11-02T00:00:00Z",
                "CHANNEL", SHANGHAI, NOW);

        assertThat(parameters.window().from()).isEqualTo(Instant.parse("2026-11-01T00:30:00Z"));
        assertThat(parameters.window().to()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(parameters.groupBy()).isEqualTo(GroupBy.CHANNEL);
        assertThat(SummaryParameters.parse("2026-11-01T08:30", null, null, SHANGHAI, NOW).window().from())
            .as("a local date-time is Shanghai time").isEqualTo(Instant.parse("2026-11-01T00:30:00Z"));
    }

    @Test
    void defaultsToTheLastThirtyDaysByDepartment() {
        SummaryParameters parameters = SummaryParameters.parse(null, "", null, SHANGHAI, NOW);

        assertThat(parameters.window().to()).isEqualTo(NOW);
        assertThat(parameters.window().from()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(parameters.groupBy()).isEqualTo(GroupBy.DEPARTMENT);
    }

    @Test
    void listsEveryInvalidParameter() {
        InvalidRequest invalid = catchThrowableOfType(InvalidRequest.class,
                () -> SummaryParameters.parse("yesterday", "2026-13-01", "street", SHANGHAI, NOW));

        assertThat(invalid.errors()).extracting(FieldProblem::field).containsExactlyInAnyOrder("from", "to", "groupBy");
    }

    @Test
    void refusesFromAfterToAndRangesOverAYear() {
        assertThat(catchThrowableOfType(InvalidRequest.class,
                () -> SummaryParameters.parse("2026-11-02", "2026-11-01", null, SHANGHAI, NOW)).errors())
            .extracting(FieldProblem::field).containsExactly("from");
        assertThat(catchThrowableOfType(InvalidRequest.class,
                () -> SummaryParameters.parse("2024-01-01", "2025-01-01", null, SHANGHAI, NOW)).errors())
            .extracting(FieldProblem::field).containsExactly("to");
        assertThat(SummaryParameters.parse("2024-01-01", "2024-12-31", null, SHANGHAI, NOW).window())
            .as("a leap year's 366 days are allowed").isNotNull();
        assertThat(SummaryParameters.parse("2026-11-01", "2026-11-01", null, SHANGHAI, NOW).window().to())
            .as("one day").isEqualTo(Instant.parse("2026-11-01T16:00:00Z"));
    }
}
