package cn.onenet.routing.stats.web;

import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.sla.SlaProperties;
import cn.onenet.routing.stats.StatsService;
import cn.onenet.routing.stats.web.StatsViews.SummaryView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/stats/summary} and its CSV download; definitions in README.md ("Statistics: what the rates mean"). */
@RestController
@RequestMapping("/api/v1/stats")
class StatsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final StatsService stats;
    private final ReferenceData reference;
    private final ZoneId zone;
    private final Clock clock;

    StatsController(StatsService stats, ReferenceData reference, SlaProperties sla, Clock clock) {
        this.stats = stats;
        this.reference = reference;
        this.zone = sla.timeZone();
        this.clock = clock;
    }

    @GetMapping("/summary")
    SummaryView summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy) {
        SummaryParameters parameters = SummaryParameters.parse(from, to, groupBy, zone, clock.instant());
        return new StatsViews(zone, Names.of(reference))
            .summary(stats.summary(parameters.window(), parameters.groupBy()));
    }

    @GetMapping("/summary.csv")
    ResponseEntity<byte[]> summaryCsv(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String groupBy) {
        SummaryView summary = summary(from, to, groupBy);
        return ResponseEntity.ok()
            .contentType(CSV)
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(SummaryCsv.filename(summary)).build().toString())
            .body(SummaryCsv.write(summary));
    }
}
