package cn.onenet.routing.stats.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.routing.stats.web.StatsViews.RowView;
import cn.onenet.routing.stats.web.StatsViews.SummaryView;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryCsvTests {

    static final RowView CIVIL = new RowView("civil-affairs", "区民政局", 3, 1, 0, 2, 1, 1, 1, 1, 1, 1, 0,
            new BigDecimal("0.5000"), new BigDecimal("0.5000"), new BigDecimal("1.0000"), 1, 3,
            new BigDecimal("0.5000"));
    static final RowView TOTAL = new RowView(null, "合计", 3, 1, 0, 2, 1, 1, 1, 1, 1, 1, 0, new BigDecimal("0.5000"),
            new BigDecimal("0.5000"), null, 0, 0, null);

    @Test
    void writesABomAHeaderOneRowPerGroupAndTheTotal() {
        SummaryView summary = summary("2026-11-01T00:00+08:00", "2026-12-01T00:00+08:00", List.of(CIVIL));

        byte[] csv = SummaryCsv.write(summary);

        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(String.join(",", SummaryCsv.HEADER));
        assertThat(lines[1]).isEqualTo("civil-affairs,区民政局,3,1,0,2,1,1,1,1,1,1,0,0.5000,0.5000,1.0000,1,0.5000,3");
        assertThat(lines[2]).isEqualTo("TOTAL,合计,3,1,0,2,1,1,1,1,1,1,0,0.5000,0.5000,,0,,0");
    }

    @Test
    void namesTheFileAfterTheDaysCoveredOrTheMinutesWhenNotWholeDays() {
        assertThat(SummaryCsv.filename(summary("2026-11-01T00:00+08:00", "2026-12-01T00:00+08:00", List.of())))
            .isEqualTo("onenet-stats-2026-11-01-2026-11-30-department.csv");
        assertThat(SummaryCsv.filename(summary("2026-10-29T10:15:30+08:00", "2026-11-28T10:15:30+08:00", List.of())))
            .isEqualTo("onenet-stats-2026-10-29T1015-2026-11-28T1015-department.csv");
    }

    @Test
    void quotesWhatNeedsQuotingAndDefusesFormulas() {
        assertThat(SummaryCsv.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(SummaryCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SummaryCsv.escape("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(SummaryCsv.escape(null)).isEmpty();
    }

    private static SummaryView summary(String from, String to, List<RowView> rows) {
        return new SummaryView(OffsetDateTime.parse(from), OffsetDateTime.parse(to), "department",
                OffsetDateTime.parse(to), rows, TOTAL);
    }
}
