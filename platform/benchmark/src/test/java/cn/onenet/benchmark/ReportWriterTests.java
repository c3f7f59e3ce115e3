package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportWriterTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path out;

    static BenchmarkResult result(String note) {
        RunRecorder recorder = new RunRecorder("gateway", 0, 3);
        for (int i = 1; i <= 300; i++) {
            long intended = (i - 1) * 10_000_000L;
            recorder.onSent(i, intended, intended);
            recorder.onCompleted(i, intended, intended + i * 100_000L,
                    i % 100 == 0 ? Outcome.http(503, "service-unavailable: Intake unavailable")
                            : Outcome.accepted("id-" + i));
        }
        recorder.onSaturated(301, 2_990_000_000L);
        List<BenchmarkResult.Second> perSecond = List.of(
                new BenchmarkResult.Second(0, 100, 99, 1, 5.0, 9.9, 10.0),
                new BenchmarkResult.Second(1, 100, 99, 1, 15.0, 19.87, 20.0),
                new BenchmarkResult.Second(2, 101, 99, 2, 25.0, 29.75, 30.0));
        BenchmarkResult.RunReport run = new BenchmarkResult.RunReport("gateway", "http://127.0.0.1:8080", 100, 1, 3,
                recorder.scheduled(), recorder.sent(), recorder.completed(), recorder.accepted(), 0,
                recorder.accepted() / 3.0, recorder.errorCount(), recorder.errors(), recorder.statuses(), recorder.problems(),
                new BenchmarkResult.Warmup(100, 100, 0, Map.of()), Benchmark.ACCEPT_MEASURED_FROM,
                LatencyStats.of(recorder.acceptHistogram()), LatencyStats.of(recorder.sendLatenessHistogram()),
                new BenchmarkResult.Dispatch(true, Benchmark.DISPATCH_MEASURED_FROM, 297, 296, 0, 1, 0, 2.5,
                        new LatencyStats(296, 40, 35, 60, 120, 150, 160), new LatencyStats(296, 45, 40, 65, 125, 155, 170)),
                perSecond,
                Map.of("accept", LatencyStats.distribution(recorder.acceptHistogram()),
                        "acceptToDispatched", List.of(new double[] {50, 35}, new double[] {100, 160})),
                new BenchmarkResult.Lag("routing-service", "onenet.requests.submitted.v1", 0L, 12L, 345L, 1.25),
                new BenchmarkResult.Timeline(1.0, 2.0, 5.0, 8.0),
                Map.of("gateway", new BenchmarkResult.ProcessUse(81.5, 97.0, 301.2,
                        List.of(new BenchmarkResult.ThreadUse("reactor-http-ep", 2.4, 8.081),
                                new BenchmarkResult.ThreadUse("GC Thread#N", 0.1, 0.337)))),
                Map.of("unit", "microseconds"));
        List<Monitor.Sample> samples = List.of(
                new Monitor.Sample(1.0, Map.of("gateway", new Monitor.ProcessSample(null, 290.0)), null, null, 0L),
                new Monitor.Sample(2.0, Map.of("gateway", new Monitor.ProcessSample(77.7, 300.5)), 160.0, 82.3, 345L));
        return new BenchmarkResult("onenet-benchmark", "2026-11-28T10:00:00+08:00",
                Map.of("target", "http://127.0.0.1:8080", "rate", 100.0, "durationSeconds", 3.0, "warmupSeconds", 1.0),
                Map.of("cores", 2, "java", "17"), Map.of("gateway", 4242L), List.of("gateway"), List.of(run), null,
                samples, List.of(note));
    }

    @Test
    void writesJsonThatParsesBackWithTheFigures() throws Exception {
        ReportWriter.write(result("all fine"), out, json);

        JsonNode root = json.readTree(Files.readString(out.resolve("result.json")));
        JsonNode run = root.path("runs").get(0);
        assertThat(run.path("accepted").asLong()).isEqualTo(297);
        assertThat(run.path("errors").path("http-503").asLong()).isEqualTo(3);
        assertThat(run.path("errors").path("client-saturated").asLong()).isEqualTo(1);
        assertThat(run.path("problems").path("503 service-unavailable: Intake unavailable").asLong()).isEqualTo(3);
        assertThat(run.path("accept").path("max").asDouble()).isBetween(29.9, 30.1);
        assertThat(run.path("dispatch").path("acceptToDispatched").path("p99").asDouble()).isEqualTo(120.0);
        assertThat(run.path("perSecond").get(1).path("p99").asDouble()).isEqualTo(19.87);
        assertThat(run.path("lag").path("returnedToZeroSeconds").asDouble()).isEqualTo(1.25);
        assertThat(run.path("distribution").path("accept").size()).isGreaterThan(5);
        assertThat(root.path("samples").get(1).path("processes").path("gateway").path("cpu").asDouble())
                .isEqualTo(77.7);
        JsonNode threads = run.path("processes").path("gateway").path("threads");
        assertThat(threads.get(0).path("name").asString()).isEqualTo("reactor-http-ep");
        assertThat(threads.get(0).path("msPerRequest").asDouble()).isEqualTo(8.081);
    }

    @Test
    void writesASelfContainedHtmlPageCarryingTheChartsData() throws Exception {
        ReportWriter.write(result("all fine"), out, json);

        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"chart-latency-over-time\"", "id=\"chart-percentiles\"", "id=\"chart-cpu\"",
                "id=\"chart-rss\"", "id=\"chart-lag\"", "id=\"chart-throughput\"");
        assertThat(html).doesNotContain(ReportWriter.DATA_PLACEHOLDER);
        // nothing is loaded from elsewhere
        assertThat(html).doesNotContain("<link", " src=", "href=", "@import", "url(");

        JsonNode embedded = json.readTree(embeddedData(html));
        assertThat(embedded).isEqualTo(json.readTree(Files.readString(out.resolve("result.json"))));
        JsonNode run = embedded.path("runs").get(0);
        assertThat(run.path("perSecond").findValues("p99")).extracting(JsonNode::asDouble)
                .containsExactly(9.9, 19.87, 29.75);
        assertThat(embedded.path("samples").findValues("lag")).extracting(JsonNode::asLong).containsExactly(0L, 345L);
    }

    @Test
    void keepsAStringThatLooksLikeMarkupInsideTheEmbeddedData() throws Exception {
        String hostile = "</script><script>alert(1)</script>";
        ReportWriter.write(result(hostile), out, json);

        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(json.readTree(embeddedData(html)).path("notes").get(0).asString()).isEqualTo(hostile);
    }

    @Test
    void summarisesEachRunForTheConsole() {
        String summary = ReportWriter.summary(result("look here"));

        assertThat(summary).contains("== gateway", "accepted 297", "http-503: 3", "client-saturated: 1",
                "never arrived 1", "503 service-unavailable: Intake unavailable × 3", "back to 0 1.25 s after the load stopped", "Note: look here",
                "      by thread, ms of CPU per accepted request: reactor-http-ep 8.08, GC Thread#N 0.34",
                // 81.5 % of a core at 99 accepted a second: 8.2 ms each, so two cores carry about 243 a second
                "    together 81.5 % of one core: 8.2 ms of CPU per accepted request; at that cost 2 cores are full at"
                        + " about 243/s");
    }

    private static String embeddedData(String html) {
        String open = "<script id=\"benchmark-data\" type=\"application/json\">";
        int start = html.indexOf(open) + open.length();
        return html.substring(start, html.indexOf("</script>", start));
    }
}
