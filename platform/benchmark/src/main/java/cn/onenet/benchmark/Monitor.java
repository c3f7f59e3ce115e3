package cn.onenet.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples, once a second: CPU (% of one core) and resident memory of each named process from {@code /proc}, the
 * whole machine's CPU, and the consumer lag.
 */
final class Monitor implements AutoCloseable {

    /** One process at one instant; {@code cpu} is null on the first sample and when the process is gone. */
    record ProcessSample(Double cpu, Double rssMb) {
    }

    /**
     * @param t          seconds since the benchmark started
     * @param machineCpu CPU of the whole machine in % of one core (so up to cores × 100)
     * @param otherCpu   what the machine used beyond the sampled processes (other people's builds, the kernel…)
     * @param lag        consumer lag, or null when unknown
     */
    record Sample(double t, Map<String, ProcessSample> processes, Double machineCpu, Double otherCpu, Long lag) {
    }

    private final ProcFs proc;
    private final Map<String, Long> pids;
    private final long clockTicksPerSecond;
    private final LongSupplier lag;
    private final long originNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Long> previousTicks = new LinkedHashMap<>();
    private ProcFs.MachineTimes previousMachine;
    private long previousNanos;
    private ScheduledExecutorService executor;

    /** @param lag the consumer lag, or -1 when unknown; null for none */
    Monitor(ProcFs proc, Map<String, Long> pids, long clockTicksPerSecond, LongSupplier lag, long originNanos) {
        this.proc = proc;
        this.pids = Collections.unmodifiableMap(new LinkedHashMap<>(pids));
        this.clockTicksPerSecond = clockTicksPerSecond;
        this.lag = lag;
        this.originNanos = originNanos;
    }

    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "monitor");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
    }

    private void sampleQuietly() {
        try {
            sample(System.nanoTime());
        } catch (RuntimeException e) {
            // a sample is lost, the next one comes in a second
        }
    }

    /** Takes one sample now; {@code nowNanos} is the time it is taken at. */
    synchronized Sample sample(long nowNanos) {
        double elapsed = previousNanos == 0 ? 0 : (nowNanos - previousNanos) / 1e9;
        Map<String, ProcessSample> processes = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Optional<ProcFs.ProcessTimes> times = proc.times(pid);
            Optional<Long> rss = proc.residentKilobytes(pid);
            Double cpu = null;
            if (times.isPresent()) {
                Long before = previousTicks.put(name, times.get().totalTicks());
                if (before != null && elapsed > 0) {
                    cpu = round1(100.0 * (times.get().totalTicks() - before) / clockTicksPerSecond / elapsed);
                }
            } else {
                previousTicks.remove(name);
            }
            processes.put(name, new ProcessSample(cpu, rss.map(kb -> round1(kb / 1024.0)).orElse(null)));
        });
        Double machineCpu = null;
        Optional<ProcFs.MachineTimes> machine = proc.machineTimes();
        if (machine.isPresent()) {
            if (previousMachine != null && elapsed > 0) {
                long busy = (machine.get().totalTicks() - machine.get().idleTicks())
                        - (previousMachine.totalTicks() - previousMachine.idleTicks());
                machineCpu = round1(100.0 * busy / clockTicksPerSecond / elapsed);
            }
            previousMachine = machine.get();
        }
        Double otherCpu = null;
        if (machineCpu != null) {
            double sampled = processes.values().stream().map(ProcessSample::cpu)
                    .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).sum();
            otherCpu = round1(Math.max(0, machineCpu - sampled));
        }
        Long lagNow = null;
        if (lag != null) {
            long value = lag.getAsLong();
            lagNow = value < 0 ? null : value;
        }
        previousNanos = nowNanos;
        Sample sample = new Sample(Math.round((nowNanos - originNanos) / 1e7) / 100.0, processes, machineCpu,
                otherCpu, lagNow);
        samples.add(sample);
        return sample;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    List<String> processNames() {
        return List.copyOf(pids.keySet());
    }

    Map<String, Long> pids() {
        return pids;
    }

    /** The clock ticks a second this monitor counts CPU times in. */
    long ticksPerSecond() {
        return clockTicksPerSecond;
    }

    /** Each process's CPU ticks so far by kind of thread ({@link ProcFs#threadTicks}); a process gone is left out. */
    Map<String, Map<String, Long>> threadTicks() {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            Map<String, Long> threads = proc.threadTicks(pid);
            if (!threads.isEmpty()) {
                result.put(name, threads);
            }
        });
        return result;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static double round1(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /** {@code getconf CLK_TCK}, 100 if that fails (the value on every common Linux). */
    static long clockTicksPerSecond() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line = reader.readLine();
                process.waitFor(2, TimeUnit.SECONDS);
                long value = Long.parseLong(line.trim());
                return value > 0 ? value : 100;
            }
        } catch (Exception e) {
            return 100;
        }
    }
}
