package cn.onenet.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code result.json} and a self-contained {@code report.html} (the same data embedded, charts drawn as
 * inline SVG by inline script, nothing loaded from elsewhere), and the console summary.
 */
final class ReportWriter {

    static final String DATA_PLACEHOLDER = "/*@BENCHMARK_DATA@*/null";
    private static final String TEMPLATE = "report-template.html";

    private ReportWriter() {
    }

    static void write(BenchmarkResult result, Path directory, JsonMapper json) throws IOException {
        Files.createDirectories(directory);
        String text = json(result, json);
        Files.writeString(directory.resolve("result.json"), text, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.html"), html(text), StandardCharsets.UTF_8);
    }

    static String json(BenchmarkResult result, JsonMapper json) {
        return json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(result);
    }

    /** The report page with {@code json} embedded; {@code <} is escaped so no string can end the script. */
    static String html(String json) {
        String embedded = json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return template().replace(DATA_PLACEHOLDER, embedded);
    }

    private static String template() {
        try (InputStream in = ReportWriter.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few lines per run for the console. */
    static String summary(BenchmarkResult result) {
        StringBuilder text = new StringBuilder();
        for (BenchmarkResult.RunReport run : result.runs()) {
            text.append(String.format(Locale.ROOT, "== %s  %s  offered %.0f/s for %.0f s (after %.0f s warm-up)%n",
                    run.name(), run.target(), run.offeredRate(), run.durationSeconds(), run.warmupSeconds()));
            text.append(String.format(Locale.ROOT,
                    "  requests  scheduled %d, sent %d, answered %d, accepted %d → achieved %.1f/s%s%n",
                    run.scheduled(), run.sent(), run.completed(), run.accepted(), run.achievedRate(),
                    run.unfinished() > 0 ? ", never answered " + run.unfinished() : ""));
            text.append("  errors    ").append(run.errorCount() == 0 ? "none" : format(run.errors()))
                    .append("   (HTTP statuses: ").append(format(run.statuses())).append(')')
                    .append(System.lineSeparator());
            run.problems().forEach((problem, count) -> text.append("            ").append(problem).append(" × ")
                    .append(count).append(System.lineSeparator()));
            if (run.warmup().failed() > 0) {
                text.append("  warm-up   sent ").append(run.warmup().sent()).append(", accepted ")
                        .append(run.warmup().accepted()).append(", failed: ").append(format(run.warmup().errors()))
                        .append(" (not in any figure)").append(System.lineSeparator());
            }
            text.append("  accept    ").append(latency(run.accept()))
                    .append("   [ms, from the intended send time]").append(System.lineSeparator());
            text.append(String.format(Locale.ROOT, "  schedule  send lateness p99 %.2f ms, max %.2f ms%n",
                    run.sendLateness().p99(), run.sendLateness().max()));
            BenchmarkResult.Dispatch dispatch = run.dispatch();
            if (dispatch.followed()) {
                text.append(String.format(Locale.ROOT,
                        "  dispatch  followed %d: dispatched %d, triaged %d, never arrived %d (waited %.1f s)%n",
                        dispatch.awaited(), dispatch.dispatched(), dispatch.triaged(), dispatch.neverArrived(),
                        dispatch.waitedSeconds()));
                text.append("  accept→dispatched ").append(latency(dispatch.acceptToDispatched()))
                        .append("   [ms, 202 received → event published]").append(System.lineSeparator());
                text.append("  submit→dispatched ").append(latency(dispatch.submitToDispatched()))
                        .append("   [ms, intended send → event published]").append(System.lineSeparator());
            } else {
                text.append("  dispatch  not followed (no Kafka)").append(System.lineSeparator());
            }
            BenchmarkResult.Lag lag = run.lag();
            text.append(String.format(Locale.ROOT, "  lag       %s on %s: at start %s, at load end %s, max %s, back to 0 %s%n",
                    lag.group(), lag.topic(), lag.atStart(), lag.atLoadEnd(), lag.max(),
                    lag.returnedToZeroSeconds() == null ? "not within the wait"
                            : String.format(Locale.ROOT, "%.2f s after the load stopped", lag.returnedToZeroSeconds())));
            text.append("  processes (mean / max CPU % of one core, max RSS MB while measured):")
                    .append(System.lineSeparator());
            run.processes().forEach((name, use) -> {
                text.append(String.format(Locale.ROOT, "    %-28s %6s / %6s %%  %7s MB%n", name, use.meanCpu(),
                        use.maxCpu(), use.maxRssMb()));
                if (!use.threads().isEmpty()) {
                    text.append("      by thread, ms of CPU per accepted request: ").append(use.threads().stream()
                            .map(thread -> thread.name() + " " + (thread.msPerRequest() == null ? "–"
                                    : String.format(Locale.ROOT, "%.2f", thread.msPerRequest())))
                            .collect(Collectors.joining(", "))).append(System.lineSeparator());
                }
            });
            text.append(capacity(run, result.machine().get("cores")));
        }
        if (result.comparison() != null) {
            BenchmarkResult.Comparison comparison = result.comparison();
            text.append(String.format(Locale.ROOT, "== %s ÷ %s: latency %s; suite CPU ×%s%n", comparison.against(),
                    comparison.baseline(), comparison.latencyRatios().entrySet().stream()
                            .map(entry -> entry.getKey() + " ×" + entry.getValue())
                            .collect(Collectors.joining(", ")), comparison.suiteCpuRatio()));
        }
        result.notes().forEach(note -> text.append("Note: ").append(note).append(System.lineSeparator()));
        return text.toString();
    }

    /**
     * The CPU of every process measured (the load generator's too) for each accepted request, and the rate at which
     * that cost would fill the machine's cores: the ceiling of this machine at this run's cost per request.
     */
    static String capacity(BenchmarkResult.RunReport run, Object cores) {
        double percent = run.processes().values().stream().map(BenchmarkResult.ProcessUse::meanCpu)
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
        if (percent <= 0 || run.achievedRate() <= 0) {
            return "";
        }
        double msPerRequest = percent / 100.0 * 1000.0 / run.achievedRate();
        String line = String.format(Locale.ROOT,
                "    together %.1f %% of one core: %.1f ms of CPU per accepted request", percent, msPerRequest);
        if (cores instanceof Number count && count.intValue() > 0) {
            line += String.format(Locale.ROOT, "; at that cost %d cores are full at about %.0f/s", count.intValue(),
                    count.intValue() * 1000.0 / msPerRequest);
        }
        return line + System.lineSeparator();
    }

    private static String latency(LatencyStats stats) {
        return String.format(Locale.ROOT, "p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)",
                stats.p50(), stats.p90(), stats.p99(), stats.p999(), stats.max(), stats.count());
    }

    private static String format(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue()).collect(Collectors.joining(", "));
    }
}
