package cn.onenet.benchmark;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an open-model load against the running suite and writes {@code result.json} and {@code report.html}.
 * Exit codes: 0 done, 2 bad options, 3 target unreachable, 1 anything else.
 */
public final class Benchmark {

    static final String ACCEPT_MEASURED_FROM = "intended send time → 202 received (coordinated omission corrected)";
    static final String DISPATCH_MEASURED_FROM =
            "202 received → dispatched event published (its record's timestamp, read by the benchmark's consumer)";
    /** The share of a process's CPU a kind of thread must have used to be named in the report. */
    static final double THREAD_SHARE_SHOWN = 0.03;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Options options;
    private final PrintStream out;
    private final long origin = System.nanoTime();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> notes = new ArrayList<>();

    private Benchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        // On two cores the common pool has parallelism 1, and CompletableFuture then starts a new thread for every
        // async stage: the JDK HTTP client hands each response over that way (thousands of threads a second).
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                    Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
        }
        // kafka-clients logs through SLF4J; the benchmark ships no logging backend: silence it explicitly
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.println(Options.USAGE);
            return;
        }
        int code;
        try {
            code = new Benchmark(options, out).run();
        } catch (InterruptedException e) {
            out.println("Interrupted");
            code = 1;
        }
        System.exit(code);
    }

    private double t(long nanos) {
        return Math.round((nanos - origin) / 1e7) / 100.0;
    }

    /** each channel system's token; fetched at the start of {@link #run()} */
    private ChannelTokens tokens = ChannelTokens.none();

    private int run() throws InterruptedException {
        String startedAt = OffsetDateTime.now().toString();
        ExecutorService httpExecutor = Executors.newFixedThreadPool(4, daemon("http"));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(httpExecutor)
                .build();

        try {
            tokens = options.issuer() == null ? ChannelTokens.none() : ChannelTokens.fetch(http, options.issuer(), json);
        } catch (IOException e) {
            out.println("Cannot get the channel systems' tokens from " + options.issuer() + ": " + e.getMessage());
            out.println("Is the suite running (./run.sh starts the identity provider on port 9000)? "
                    + "--issuer none sends no tokens.");
            return 3;
        }
        ReferenceData reference;
        try {
            reference = ReferenceData.fetch(http, options.target(), json, tokens.authorization("LIVELIHOOD"));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            unreachable(options.target(), e);
            return 3;
        } catch (IOException | RuntimeException e) {
            out.println("Cannot read the catalogue and communities from " + options.target() + ": " + e.getMessage());
            out.println("Is the suite running and healthy? Start it with ./run.sh in another shell.");
            return 3;
        }
        if (options.compareDirect() != null && !reachable(http, options.compareDirect() + "/actuator/health")) {
            unreachable(options.compareDirect(), null);
            return 3;
        }
        out.printf(Locale.ROOT, "Target %s: %d categories with a department (%s left out: they go to TRIAGE),"
                        + " %d communities%n", options.target(), reference.categories().size(),
                reference.untracked().isEmpty() ? "none" : String.join(", ", reference.untracked()),
                reference.communities().size());

        ProcFs proc = ProcFs.system();
        Map<String, Long> pids = new LinkedHashMap<>();
        if (options.pids() != null) {
            pids.putAll(options.pids());
        } else {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put(ProcessDiscovery.GATEWAY, Options.portOf(options.target()));
            ports.put(ProcessDiscovery.INTAKE,
                    options.compareDirect() == null ? 8081 : Options.portOf(options.compareDirect()));
            ports.put(ProcessDiscovery.ROUTING, 8082);
            pids.putAll(new ProcessDiscovery(proc).discover(ports));
            for (String expected : List.of(ProcessDiscovery.GATEWAY, ProcessDiscovery.INTAKE,
                    ProcessDiscovery.ROUTING, ProcessDiscovery.LAUNCHER)) {
                if (!pids.containsKey(expected)) {
                    note("No process found for " + expected + " (pass --pids name=pid,… to name it)");
                }
            }
        }
        pids.put("benchmark", ProcessHandle.current().pid());
        out.println("Sampling " + pids);

        LagProbe lagProbe = new LagProbe(options.kafka(), options.lagGroup(), LagProbe.SUBMITTED_TOPIC);
        boolean kafka = lagProbe.lag() >= 0;
        if (kafka && lagProbe.substitution() != null) {
            note(lagProbe.substitution());
        }
        DispatchFollower follower = null;
        if (!kafka) {
            note("Kafka at " + options.kafka() + " did not answer: no dispatch following, no consumer lag");
        } else {
            follower = new DispatchFollower(options.kafka(), json);
            try {
                follower.start(Duration.ofSeconds(30));
                out.println("Following " + DispatchFollower.LIFECYCLE_TOPIC + " as group " + follower.groupId());
            } catch (IllegalStateException e) {
                note(e.getMessage());
                follower.close();
                follower = null;
            }
        }

        Monitor monitor = new Monitor(proc, pids, Monitor.clockTicksPerSecond(), kafka ? lagProbe::lag : null, origin);
        monitor.start();
        List<Measured> measured = new ArrayList<>();
        try {
            measured.add(load("gateway", options.target(), reference, follower, kafka ? lagProbe : null, 0,
                    monitor));
            if (options.compareDirect() != null) {
                measured.add(load("direct", options.compareDirect(), reference, follower,
                        kafka ? lagProbe : null, 1, monitor));
            }
        } finally {
            monitor.close();
            if (follower != null) {
                if (follower.failure() != null) {
                    note("The lifecycle consumer failed: " + follower.failure());
                }
                follower.close();
            }
            lagProbe.close();
            httpExecutor.shutdownNow();
        }

        if (kafka && lagProbe.substitution() != null && !notes.contains(lagProbe.substitution())) {
            note(lagProbe.substitution());
        }
        List<Monitor.Sample> samples = monitor.samples();
        List<BenchmarkResult.RunReport> runs = new ArrayList<>();
        for (Measured run : measured) {
            runs.add(report(run, samples, follower != null, lagProbe, monitor.ticksPerSecond()));
        }
        BenchmarkResult result = new BenchmarkResult("onenet-benchmark", startedAt, optionsMap(),
                machine(), pids, monitor.processNames(), runs, compare(runs), samples, List.copyOf(notes));
        Path outDir = options.out().toAbsolutePath().normalize();
        try {
            ReportWriter.write(result, outDir, json);
        } catch (IOException e) {
            out.println("Cannot write the report to " + outDir + ": " + e.getMessage());
            return 1;
        }
        out.println();
        out.print(ReportWriter.summary(result));
        out.println("Report: " + outDir.resolve("report.html"));
        out.println("Data:   " + outDir.resolve("result.json"));
        return 0;
    }

    /** What one run left behind, before it is turned into a report. */
    private record Measured(RunRecorder recorder, String target, long warmupStart, long measureStart, long loadEnd,
            long drained, long unfinished, Long lagAtStart, Long lagAtEnd, Double lagZeroSeconds, long neverArrived,
            double dispatchWaited, Map<String, Map<String, Long>> threadsAtStart,
            Map<String, Map<String, Long>> threadsAtEnd) {
    }

    private Measured load(String name, String target, ReferenceData reference, DispatchFollower follower,
            LagProbe lagProbe, int index, Monitor monitor) throws InterruptedException {
        Long lagAtStart = lagProbe == null ? null : awaitIdle(lagProbe, name);
        double rate = options.rate();
        long warmupCount = Math.round(rate * options.warmup().toMillis() / 1000.0);
        long measuredCount = Math.max(1, Math.round(rate * options.duration().toMillis() / 1000.0));
        String runTag = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT) + index;
        RequestFactory requests = new RequestFactory(reference, runTag, options.seed() + index, json);
        try (NettyRequestSender sender = new NettyRequestSender(target, requests, options.timeout(), CONNECT_TIMEOUT,
                json, tokens)) {
            return load(name, target, rate, warmupCount, measuredCount, sender, follower, lagProbe, lagAtStart,
                    monitor);
        }
    }

    private Measured load(String name, String target, double rate, long warmupCount, long measuredCount,
            RequestSender sender, DispatchFollower follower, LagProbe lagProbe, Long lagAtStart, Monitor monitor)
            throws InterruptedException {
        OpenLoopScheduler scheduler = new OpenLoopScheduler(Ticker.SYSTEM, sender, options.maxOutstanding());

        long start = System.nanoTime() + 200_000_000L;
        long measureStart = OpenLoopScheduler.intendedTime(start, rate, warmupCount);
        int seconds = (int) Math.ceil(options.duration().toMillis() / 1000.0);
        RunRecorder recorder = new RunRecorder(name, measureStart, seconds);
        if (follower != null) {
            recorder.onAccepted(follower::accepted);
        }
        out.printf(Locale.ROOT, "%n== %s: %s at %.0f/s, %s warm-up + %s measured (%d requests)%n", name, target,
                rate, options.warmup(), options.duration(), warmupCount + measuredCount);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(daemon("progress"));
        progress.scheduleAtFixedRate(() -> out.printf(Locale.ROOT,
                "  [%s %5.0fs] sent %d (+%d warm-up), accepted %d, errors %d, in flight %d%n", name,
                (System.nanoTime() - start) / 1e9, recorder.sent(), recorder.warmupSent(), recorder.accepted(),
                recorder.errorCount(), scheduler.outstanding()), 5, 5, TimeUnit.SECONDS);
        // the threads' CPU from the first measured request to the last (the warm-up's left out, as in every figure)
        ScheduledFuture<Map<String, Map<String, Long>>> threadsAtStart = progress.schedule(monitor::threadTicks,
                measureStart - System.nanoTime(), TimeUnit.NANOSECONDS);
        try {
            scheduler.run(start, rate, warmupCount + measuredCount, recorder);
        } finally {
            progress.shutdownNow();
        }
        long loadEnd = System.nanoTime();
        Map<String, Map<String, Long>> threadsAtEnd = monitor.threadTicks();
        Long lagAtEnd = null;
        Double lagZero = null;
        if (lagProbe != null) {
            long lag = lagProbe.lag();
            lagAtEnd = lag < 0 ? null : lag;
            long deadline = loadEnd + options.lagWait().toNanos();
            while (System.nanoTime() < deadline) {
                if (scheduler.outstanding() == 0 && lagProbe.lag() == 0) {
                    lagZero = Math.round((System.nanoTime() - loadEnd) / 1e7) / 100.0;
                    break;
                }
                Thread.sleep(100);
            }
        }
        scheduler.awaitOutstanding(Math.max(System.nanoTime(), loadEnd + options.timeout().toNanos() + 5_000_000_000L));
        long unfinished = scheduler.outstanding();
        long neverArrived = 0;
        double waited = 0;
        if (follower != null) {
            long waitStart = System.nanoTime();
            follower.awaitDispatches(recorder, options.dispatchWait());
            waited = Math.round((System.nanoTime() - waitStart) / 1e7) / 100.0;
            neverArrived = follower.abandon(recorder);
        }
        long drained = System.nanoTime();
        out.printf(Locale.ROOT, "  [%s] load done: accepted %d of %d, errors %d%s%n", name, recorder.accepted(),
                recorder.scheduled(), recorder.errorCount(), unfinished > 0 ? ", unanswered " + unfinished : "");
        return new Measured(recorder, target, start, measureStart, loadEnd, drained, unfinished, lagAtStart, lagAtEnd,
                lagZero, neverArrived, waited, reading(threadsAtStart), threadsAtEnd);
    }

    /** A reading taken on schedule; none if it never ran (the load ended before the measured window began). */
    private static Map<String, Map<String, Long>> reading(ScheduledFuture<Map<String, Map<String, Long>>> scheduled) {
        if (!scheduled.isDone() || scheduled.isCancelled()) {
            return Map.of();
        }
        try {
            return scheduled.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    /**
     * Waits, up to {@code --lag-wait}, until routing has caught up with what earlier load left behind, so one run
     * does not pay for the previous one; returns the lag at the start.
     */
    private Long awaitIdle(LagProbe lagProbe, String name) throws InterruptedException {
        long lag = lagProbe.lag();
        if (lag <= 0) {
            return lag < 0 ? null : lag;
        }
        out.printf(Locale.ROOT, "Waiting up to %s for routing's backlog (lag %d) to drain before the %s run…%n",
                options.lagWait(), lag, name);
        long deadline = System.nanoTime() + options.lagWait().toNanos();
        while (lag != 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            lag = lagProbe.lag();
        }
        if (lag != 0) {
            note("The " + name + " run started with a consumer lag of " + lag + " left by earlier load");
        }
        return lag < 0 ? null : lag;
    }

    private BenchmarkResult.RunReport report(Measured run, List<Monitor.Sample> samples, boolean followed,
            LagProbe lagProbe, long clockTicksPerSecond) {
        RunRecorder recorder = run.recorder();
        double durationSeconds = options.duration().toMillis() / 1000.0;
        List<BenchmarkResult.Second> perSecond = new ArrayList<>();
        for (int second = 0; second < recorder.seconds(); second++) {
            LatencyStats stats = LatencyStats.of(recorder.acceptInSecond(second));
            perSecond.add(new BenchmarkResult.Second(second, recorder.scheduledInSecond(second),
                    recorder.acceptedInSecond(second), recorder.errorsInSecond(second), stats.p50(), stats.p99(),
                    stats.max()));
        }
        Map<String, List<double[]>> distribution = new LinkedHashMap<>();
        distribution.put("accept", LatencyStats.distribution(recorder.acceptHistogram()));
        distribution.put("acceptToDispatched", LatencyStats.distribution(recorder.acceptToDispatchedHistogram()));
        Map<String, String> hdr = new LinkedHashMap<>();
        hdr.put("accept", encode(recorder.acceptHistogram()));
        hdr.put("acceptToDispatched", encode(recorder.acceptToDispatchedHistogram()));
        hdr.put("submitToDispatched", encode(recorder.submitToDispatchedHistogram()));
        hdr.put("unit", "microseconds");

        double from = t(run.measureStart());
        double to = t(run.loadEnd());
        Long maxLag = null;
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, Double> rss = new LinkedHashMap<>();
        for (Monitor.Sample sample : samples) {
            if (sample.t() >= from && sample.t() <= t(run.drained()) && sample.lag() != null) {
                maxLag = maxLag == null ? sample.lag() : Math.max(maxLag, sample.lag());
            }
            if (sample.t() <= from || sample.t() > to + 0.5) {
                continue;
            }
            sample.processes().forEach((name, use) -> {
                if (use.cpu() != null) {
                    cpu.computeIfAbsent(name, k -> new ArrayList<>()).add(use.cpu());
                }
                if (use.rssMb() != null) {
                    rss.merge(name, use.rssMb(), Math::max);
                }
            });
        }
        Map<String, BenchmarkResult.ProcessUse> processes = new LinkedHashMap<>();
        for (String name : samples.isEmpty() ? List.<String>of() : samples.get(0).processes().keySet()) {
            List<Double> values = cpu.getOrDefault(name, List.of());
            processes.put(name, new BenchmarkResult.ProcessUse(
                    values.isEmpty() ? null : round1(values.stream().mapToDouble(Double::doubleValue).average().orElse(0)),
                    values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    rss.get(name), threadUse(run.threadsAtStart().get(name), run.threadsAtEnd().get(name),
                            clockTicksPerSecond, recorder.accepted())));
        }
        return new BenchmarkResult.RunReport(recorder.name(), run.target(), options.rate(),
                options.warmup().toMillis() / 1000.0, durationSeconds, recorder.scheduled(), recorder.sent(),
                recorder.completed(), recorder.accepted(), run.unfinished(),
                round1(recorder.accepted() / durationSeconds), recorder.errorCount(), recorder.errors(),
                recorder.statuses(), recorder.problems(),
                new BenchmarkResult.Warmup(recorder.warmupSent(), recorder.warmupAccepted(), recorder.warmupFailed(),
                        recorder.warmupErrors()),
                ACCEPT_MEASURED_FROM, LatencyStats.of(recorder.acceptHistogram()),
                LatencyStats.of(recorder.sendLatenessHistogram()),
                new BenchmarkResult.Dispatch(followed, DISPATCH_MEASURED_FROM, recorder.followed(),
                        recorder.dispatchedCount(), recorder.triagedCount(), run.neverArrived(),
                        recorder.dispatchSeenBefore202(), run.dispatchWaited(),
                        LatencyStats.of(recorder.acceptToDispatchedHistogram()),
                        LatencyStats.of(recorder.submitToDispatchedHistogram())),
                perSecond, distribution,
                new BenchmarkResult.Lag(lagProbe.group(), lagProbe.topic(), run.lagAtStart(), run.lagAtEnd(), maxLag,
                        run.lagZeroSeconds()),
                new BenchmarkResult.Timeline(t(run.warmupStart()), from, to, t(run.drained())),
                processes, hdr);
    }

    /**
     * The kinds of thread that used at least {@value #THREAD_SHARE_SHOWN} of the process's CPU between two readings,
     * the busiest first; none when either reading is missing (the process started or ended between them).
     */
    static List<BenchmarkResult.ThreadUse> threadUse(Map<String, Long> before, Map<String, Long> after,
            long clockTicksPerSecond, long accepted) {
        if (before == null || after == null || before.isEmpty() || after.isEmpty()) {
            return List.of();
        }
        Map<String, Long> used = new LinkedHashMap<>();
        // a thread that ended meanwhile takes its ticks with it: a kind never counts below zero
        after.forEach((thread, ticks) -> used.put(thread, Math.max(0, ticks - before.getOrDefault(thread, 0L))));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        return used.entrySet().stream()
                .filter(entry -> entry.getValue() > 0 && entry.getValue() >= total * THREAD_SHARE_SHOWN)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> {
                    double seconds = (double) entry.getValue() / clockTicksPerSecond;
                    return new BenchmarkResult.ThreadUse(entry.getKey(), Math.round(seconds * 100) / 100.0,
                            accepted == 0 ? null : Math.round(seconds * 1e6 / accepted) / 1000.0);
                })
                .toList();
    }

    static BenchmarkResult.Comparison compare(List<BenchmarkResult.RunReport> runs) {
        if (runs.size() < 2) {
            return null;
        }
        BenchmarkResult.RunReport gateway = runs.get(0);
        BenchmarkResult.RunReport direct = runs.get(1);
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("p50", ratio(gateway.accept().p50(), direct.accept().p50()));
        ratios.put("p90", ratio(gateway.accept().p90(), direct.accept().p90()));
        ratios.put("p99", ratio(gateway.accept().p99(), direct.accept().p99()));
        ratios.put("p99.9", ratio(gateway.accept().p999(), direct.accept().p999()));
        ratios.put("max", ratio(gateway.accept().max(), direct.accept().max()));
        Double cpu = ratio(suiteCpu(gateway), suiteCpu(direct));
        return new BenchmarkResult.Comparison(direct.name(), gateway.name(), ratios, cpu,
                "accept latency and mean CPU of the suite's processes (benchmark excluded) through the gateway,"
                        + " divided by the same load sent straight to intake");
    }

    private static double suiteCpu(BenchmarkResult.RunReport run) {
        return run.processes().entrySet().stream().filter(entry -> !entry.getKey().equals("benchmark"))
                .map(entry -> entry.getValue().meanCpu()).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).sum();
    }

    private static Double ratio(double a, double b) {
        return b > 0 ? Math.round(a / b * 100.0) / 100.0 : null;
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    private static String encode(Histogram histogram) {
        Histogram copy = histogram.copy();
        ByteBuffer buffer = ByteBuffer.allocate(copy.getNeededByteBufferCapacity());
        int length = copy.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.rewind();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private Map<String, Object> optionsMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target", options.target());
        map.put("rate", options.rate());
        map.put("durationSeconds", options.duration().toMillis() / 1000.0);
        map.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        map.put("kafka", options.kafka());
        map.put("compareDirect", options.compareDirect());
        map.put("maxOutstanding", options.maxOutstanding());
        map.put("timeoutSeconds", options.timeout().toMillis() / 1000.0);
        map.put("dispatchWaitSeconds", options.dispatchWait().toMillis() / 1000.0);
        map.put("lagWaitSeconds", options.lagWait().toMillis() / 1000.0);
        map.put("lagGroup", options.lagGroup());
        map.put("seed", options.seed());
        return map;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", Runtime.getRuntime().availableProcessors());
        map.put("java", System.getProperty("java.version"));
        map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return map;
    }

    private void note(String message) {
        notes.add(message);
        out.println("Note: " + message);
    }

    private void unreachable(String target, Exception e) {
        out.println("Cannot reach " + target + (e == null ? "" : " (" + e + ")") + ".");
        out.println("The benchmark expects the suite to be running: start it with ./run.sh in another shell,"
                + " wait for \"OneNetwork is running\", then run the benchmark again.");
    }

    private static boolean reachable(HttpClient http, String url) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
