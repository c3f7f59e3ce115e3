package cn.onenet.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPiecesTests {

    @Test
    void readsAMonthOfShanghaiDaysAsOneRunOfDays() {
        // 1 to 30 November in Shanghai: midnight there is 16:00 UTC the day before
        WindowPieces pieces = WindowPieces.of(window("2026-10-31T16:00:00Z", "2026-11-30T16:00:00Z"));

        assertThat(pieces.cells()).containsExactly(run(CellLevel.DAY, "2026-10-31T16:00:00Z", "2026-11-30T16:00:00Z"));
        assertThat(pieces.edges()).isEmpty();
    }

    @Test
    void takesTheWidestCellsThatFitAndCountsThePartsOfMinutesAtTheEnds() {
        WindowPieces pieces = WindowPieces.of(window("2026-11-01T03:25:30Z", "2026-11-03T17:45:10Z"));

        assertThat(pieces.cells()).containsExactly(
                run(CellLevel.MINUTE, "2026-11-01T03:26:00Z", "2026-11-01T04:00:00Z"),
                run(CellLevel.HOUR, "2026-11-01T04:00:00Z", "2026-11-01T16:00:00Z"),
                run(CellLevel.DAY, "2026-11-01T16:00:00Z", "2026-11-03T16:00:00Z"),
                run(CellLevel.HOUR, "2026-11-03T16:00:00Z", "2026-11-03T17:00:00Z"),
                run(CellLevel.MINUTE, "2026-11-03T17:00:00Z", "2026-11-03T17:45:00Z"));
        assertThat(pieces.edges()).containsExactly(window("2026-11-01T03:25:30Z", "2026-11-01T03:26:00Z"),
                window("2026-11-03T17:45:00Z", "2026-11-03T17:45:10Z"));
    }

    @Test
    void countsAWindowInsideAMinuteOrderByOrder() {
        assertThat(WindowPieces.of(window("2026-11-01T03:25:10Z", "2026-11-01T03:25:50Z")))
            .isEqualTo(new WindowPieces(List.of(), List.of(window("2026-11-01T03:25:10Z", "2026-11-01T03:25:50Z"))));
        // across one minute's end, without a whole minute: one piece, still order by order
        assertThat(WindowPieces.of(window("2026-11-01T03:25:50Z", "2026-11-01T03:26:20Z")).edges())
            .containsExactly(window("2026-11-01T03:25:50Z", "2026-11-01T03:26:20Z"));
    }

    @Test
    void coversEveryMomentOfTheWindowOnce() {
        ReportWindow window = window("2026-02-27T23:59:59.500Z", "2026-03-02T00:00:30Z");
        WindowPieces pieces = WindowPieces.of(window);

        Instant at = window.from();
        List<Object> inOrder = new java.util.ArrayList<>();
        inOrder.add(pieces.edges().get(0));
        inOrder.addAll(pieces.cells());
        inOrder.add(pieces.edges().get(1));
        for (Object piece : inOrder) {
            Instant from = piece instanceof WindowPieces.Run run ? run.from() : ((ReportWindow) piece).from();
            Instant to = piece instanceof WindowPieces.Run run ? run.to() : ((ReportWindow) piece).to();
            assertThat(from).isEqualTo(at);
            at = to;
        }
        assertThat(at).isEqualTo(window.to());
    }

    @Test
    void knowsWhereEachLevelsCellsStart() {
        Instant at = Instant.parse("2026-11-01T15:59:59Z");

        assertThat(CellLevel.MINUTE.floor(at)).isEqualTo(Instant.parse("2026-11-01T15:59:00Z"));
        assertThat(CellLevel.HOUR.floor(at)).isEqualTo(Instant.parse("2026-11-01T15:00:00Z"));
        assertThat(CellLevel.DAY.floor(at)).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(CellLevel.DAY.floor(Instant.parse("2026-11-01T16:00:00Z")))
            .isEqualTo(Instant.parse("2026-11-01T16:00:00Z"));
        assertThat(CellLevel.MINUTE.parent()).isEqualTo(CellLevel.HOUR);
        assertThat(CellLevel.DAY.parent()).isNull();
    }

    private static ReportWindow window(String from, String to) {
        return new ReportWindow(Instant.parse(from), Instant.parse(to));
    }

    private static WindowPieces.Run run(CellLevel level, String from, String to) {
        return new WindowPieces.Run(level, Instant.parse(from), Instant.parse(to));
    }
}
