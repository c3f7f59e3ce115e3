package cn.onenet.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The second reading names each field where the caller wrote it, wherever in the body it sits. */
class LenientReadingTests {

    record Day(LocalDate date, String name) {
    }

    enum Kind { HOLIDAY, WORKDAY }

    record Year(String status, List<Day> holidays, java.util.Set<Kind> kinds, List<Kind> order) {

        Year(String status, List<Day> holidays) {
            this(status, holidays, null, null);
        }
    }

    static final JsonMapper STRICT = strict();

    @Test
    void namesUnknownFieldsWhateverTheirValueAndWhereverTheyStand() {
        assertThat(fields("{\"status\":\"OFFICIAL\",\"holidays\":[],\"weekends\":[]}")).containsExactly("weekends");
        assertThat(fields("{\"weekends\":{\"a\":[1]},\"status\":\"OFFICIAL\",\"holidays\":[]}"))
            .containsExactly("weekends");
        assertThat(fields("{\"status\":\"OFFICIAL\",\"holidays\":[{\"date\":\"2026-10-01\"},"
                + "{\"date\":\"2026-10-02\",\"x\":[1]}],\"weekends\":3}"))
            .containsExactly("holidays[1].x", "weekends");
    }

    @Test
    void namesValuesOfTheWrongTypeAndReadsTheRest() {
        LenientReading.Result result = read("{\"status\":7,\"holidays\":[{\"date\":\"soon\",\"name\":\"国庆\"},"
                + "{\"date\":\"2026-10-02\",\"name\":{\"zh\":\"国庆\"}}]}");

        assertThat(result.problems()).extracting(FieldProblem::field)
            .containsExactly("status", "holidays[0].date", "holidays[1].name");
        assertThat(result.value()).isEqualTo(new Year(null,
                List.of(new Day(null, "国庆"), new Day(LocalDate.parse("2026-10-02"), null))));
    }

    @Test
    void namesAValueOfACollectionOnceWhereItStands() {
        assertThat(fields("{\"status\":\"OFFICIAL\",\"holidays\":[],\"kinds\":[\"HOLIDAY\",\"WEEKEND\"],"
                + "\"order\":[\"NOPE\"]}")).containsExactlyInAnyOrder("kinds[1]", "order[0]");
    }

    @Test
    void namesEveryKeyGivenMoreThanOnceWhereverItStands() {
        byte[] body = ("{\"holidays\":[{\"name\":\"a\"},{\"name\":\"a\",\"date\":{\"x\":1},\"name\":\"b\"}],"
                + "\"status\":1,\"status\":2,\"status\":3,\"kinds\":{}}").getBytes(StandardCharsets.UTF_8);

        assertThat(new LenientReading(STRICT).repeatedKeys(body)).extracting(FieldProblem::field)
            .containsExactly("holidays[1].name", "status");
    }

    private static List<String> fields(String json) {
        return read(json).problems().stream().map(FieldProblem::field).toList();
    }

    private static LenientReading.Result read(String json) {
        return new LenientReading(STRICT).read(json.getBytes(StandardCharsets.UTF_8), STRICT.constructType(Year.class));
    }

    private static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new StrictJson().customize(builder);
        return builder.build();
    }
}
