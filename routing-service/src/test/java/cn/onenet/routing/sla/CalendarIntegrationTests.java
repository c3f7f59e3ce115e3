package cn.onenet.routing.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The calendar as data, through the API: read, list, replace with validation and audit, and the clock follows. */
class CalendarIntegrationTests extends RoutingIntegrationTestSupport {

    @Test
    void theOfficialCalendarIsLoadedAndListsEveryDayWithItsKind() {
        Response year = get("/api/v1/calendar/2026");
        assertThat(year.status()).isEqualTo(200);
        assertThat(year.body().get("status").asString()).isEqualTo("OFFICIAL");
        assertThat(year.body().get("holidays")).extracting(day -> day.get("date").asString()).contains("2026-10-01", "2026-02-17");
        assertThat(year.body().get("workdays")).extracting(day -> day.get("date").asString())
            .containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");
        assertThat(get("/api/v1/calendar").body()).extracting(summary -> summary.get("year").asInt()).contains(2026, 2027);

        Response days = get("/api/v1/calendar/days?from=2026-09-30&to=2026-10-11");
        assertThat(days.status()).isEqualTo(200);
        List<String> kinds = new ArrayList<>();
        days.body().forEach(day -> kinds.add(day.get("date").asString().substring(8) + " " + day.get("kind").asString()));
        assertThat(kinds).containsExactly("30 WORKDAY", "01 HOLIDAY", "02 HOLIDAY", "03 HOLIDAY", "04 HOLIDAY",
                "05 HOLIDAY", "06 HOLIDAY", "07 HOLIDAY", "08 WORKDAY", "09 WORKDAY", "10 MAKEUP_WORKDAY", "11 WEEKEND");
        assertThat(days.body().get(1).get("name").asString()).isEqualTo("国庆节");
        assertThat(days.body().get(1).get("working").asBoolean()).isFalse();

        Response due = get("/api/v1/calendar/deadline?start=2026-09-30T15:00:00%2B08:00&workingDays=1");
        assertThat(due.body().get("due").asString()).isEqualTo("2026-10-08T15:00:00+08:00");
    }

    @Test
    void aSupervisorEntersTheNextYearsMakeUpWorkdaysAndTheClockCountsThem() {
        assertThat(get("/api/v1/calendar/deadline?start=2030-02-01T10:00:00%2B08:00&workingDays=1").body().get("due").asString())
            .as("2030 is not loaded: Monday to Friday").isEqualTo("2030-02-04T10:00:00+08:00");
        assertThat(get("/api/v1/calendar/2030").status()).isEqualTo(404);

        Response created = put("/api/v1/calendar/2030", """
            {"status":"OFFICIAL","source":"test notice",
             "holidays":[{"date":"2030-02-04","name":"春节"},{"date":"2030-02-05","name":"春节"}],
             "workdays":[{"date":"2030-02-02","name":"春节调休上班"}]}""", "supervisor:wang");

        assertThat(created.status()).isEqualTo(201);
        assertThat(get("/api/v1/calendar/deadline?start=2030-02-01T10:00:00%2B08:00&workingDays=1").body().get("due").asString())
            .as("Saturday 2 February is worked now").isEqualTo("2030-02-02T10:00:00+08:00");
        assertThat(get("/api/v1/calendar/deadline?start=2030-02-01T10:00:00%2B08:00&workingDays=2").body().get("due").asString())
            .as("then 4 and 5 February are off").isEqualTo("2030-02-06T10:00:00+08:00");

        Response replaced = put("/api/v1/calendar/2030", """
            {"status":"OFFICIAL","holidays":[{"date":"2030-02-04","name":"春节"}],"workdays":[]}""", "supervisor:li");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(get("/api/v1/calendar/2099/audit").status()).as("a year never stored").isEqualTo(404);
        assertThat(get("/api/v1/calendar/2026/audit").status()).as("a year shipped, never changed").isEqualTo(200);
        JsonNode audit = get("/api/v1/calendar/2030/audit").body();
        assertThat(audit).extracting(change -> change.get("actor").asString()).containsExactly("supervisor:li", "supervisor:wang");
        assertThat(audit.get(0).get("before").get("workdays")).hasSize(1);
        assertThat(audit.get(0).get("after").get("workdays")).isEmpty();
        assertThat(audit.get(1).get("before").isNull()).isTrue();
    }

    @Test
    void anInvalidYearIsRefusedNamingEveryFieldAndNothingChanges() {
        Response refused = put("/api/v1/calendar/2026", """
            {"status":"OFFICIAL","holidays":[{"date":"2026-10-01","name":"国庆节"},{"date":"2027-01-01","name":"元旦"},
             {"date":"2026-10-01","name":"again"}],
             "workdays":[{"date":"2026-09-21","name":"not a weekend"},{"date":"2026-10-02","name":""}]}""", "supervisor:wang");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("errors")).extracting(error -> error.get("field").asString())
            .contains("holidays[1].date", "holidays[2].date", "workdays[0].date", "workdays[1].name");
        assertThat(get("/api/v1/calendar/2026").body().get("holidays").size()).isGreaterThan(30);

        // a date that can't be read does not hide the days of another year or listed twice, nor the missing status
        Response together = put("/api/v1/calendar/2026", """
            {"holidays":[{"date":"2026-13-01","name":"国庆节"},{"date":"2027-01-01","name":"元旦"},null,
             {"date":"2026-10-08","name":"a"},{"date":"2026-10-08","name":"b"}]}""", "supervisor:wang");
        assertThat(together.status()).isEqualTo(400);
        assertThat(together.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactly("holidays[0].date", "holidays[1].date", "holidays[2]", "holidays[4].date", "status");
        Response readable = put("/api/v1/calendar/2026", """
            {"holidays":[{"date":"2026-10-01","name":"国庆节"},null]}""", "supervisor:wang");
        assertThat(readable.body().get("errors")).extracting(error -> error.get("field").asString())
            .as("a missing day is named once").containsExactly("holidays[1]", "status");
        Response nameless = put("/api/v1/calendar/2026", """
            {"status":"OFFICIAL","holidays":[{"date":"2026-10-01"},{},{"date":"2026-13-01"}]}""", "supervisor:wang");
        assertThat(nameless.body().get("errors")).extracting(error -> error.get("field").asString())
            .as("a day's missing name beside its missing or unreadable date").containsExactly("holidays[0].name",
                    "holidays[1].date", "holidays[1].name", "holidays[2].date", "holidays[2].name");

        Response unknownField = put("/api/v1/calendar/2026", "{\"status\":\"OFFICIAL\",\"holidays\":[],\"weekends\":[]}", "x");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().get("errors").get(0).get("field").asString()).isEqualTo("weekends");

        assertThat(get("/api/v1/calendar/days?from=2026-10-10&to=2026-10-01").status()).isEqualTo(400);
        assertThat(get("/api/v1/calendar/days?from=2026-10-10").status()).isEqualTo(400);
        Response everyParameter = get("/api/v1/calendar/deadline?start=bad&workingDays=-3");
        assertThat(everyParameter.status()).isEqualTo(400);
        assertThat(everyParameter.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactly("start", "workingDays");
    }

    /** Supervisors entering a year at once: one creates it, and the audit is a chain ending in what is stored. */
    @Test
    void changesMadeAtOnceCreateTheYearOnceAndAuditAsAChain() throws Exception {
        ExecutorService supervisors = Executors.newFixedThreadPool(4);
        try {
            CyclicBarrier together = new CyclicBarrier(4);
            List<Future<Integer>> puts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String body = "{\"status\":\"PROVISIONAL\",\"source\":\"s" + i + "\","
                        + "\"holidays\":[{\"date\":\"2031-01-01\",\"name\":\"元旦\"}],\"workdays\":[]}";
                puts.add(supervisors.submit(() -> {
                    together.await();
                    return put("/api/v1/calendar/2031", body, "supervisor:wang").status();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> put : puts) {
                statuses.add(put.get());
            }

            assertThat(statuses).containsExactlyInAnyOrder(201, 200, 200, 200);
            JsonNode audit = get("/api/v1/calendar/2031/audit").body();
            assertThat(audit).hasSize(4);
            assertThat(audit.get(3).get("before").isNull()).isTrue();
            for (int newer = 0; newer < 3; newer++) {
                assertThat(audit.get(newer).get("before").get("source").asString())
                    .isEqualTo(audit.get(newer + 1).get("after").get("source").asString());
            }
            assertThat(get("/api/v1/calendar/2031").body().get("source").asString())
                .isEqualTo(audit.get(0).get("after").get("source").asString());
        }
        finally {
            supervisors.shutdownNow();
        }
    }
}
