package cn.onenet.benchmark;

import java.util.List;
import java.util.Map;

/**
 * Everything a benchmark measured, as written to {@code result.json} and embedded in {@code report.html}. Times
 * on the timeline ({@code t}) are seconds since the benchmark started; latencies are milliseconds.
 */
record BenchmarkResult(String tool, String startedAt, Map<String, Object> options, Map<String, Object> machine,
        Map<String, Long> pids, List<String> processes, List<RunReport> runs, Comparison comparison,
        List<Monitor.Sample> samples, List<String> notes) {

    /** One load run against one target. */
    record RunReport(String name, String target, double offeredRate, double warmupSeconds, double durationSeconds,
            long scheduled, long sent, long completed, long accepted, long unfinished, double achievedRate,
            long errorCount, Map<String, Long> errors, Map<String, Long> statuses, Map<String, Long> problems,
            Warmup warmup,
            String latencyMeasuredFrom, LatencyStats accept, LatencyStats sendLateness, Dispatch dispatch,
            List<Second> perSecond, Map<String, List<double[]>> distribution, Lag lag, Timeline timeline,
            Map<String, ProcessUse> processes, Map<String, String> hdrHistograms) {
    }

    record Warmup(long sent, long accepted, long failed, Map<String, Long> errors) {
    }

    /**
     * @param measuredFrom what accept → dispatched is measured from and to
     * @param neverArrived accepted requests (measured) whose dispatch did not arrive within the wait
     */
    record Dispatch(boolean followed, String measuredFrom, long awaited, long dispatched, long triaged,
            long neverArrived, long seenBefore202, double waitedSeconds, LatencyStats acceptToDispatched,
            LatencyStats submitToDispatched) {
    }

    /** One second of the measured window, by intended send time. */
    record Second(int second, long scheduled, long accepted, long errors, double p50, double p99, double max) {
    }

    /**
     * @param atStart               the lag when the run started (0 unless earlier load was still being worked off)
     * @param returnedToZeroSeconds from the end of the load until every answer was in and the lag read 0; null
     *                              if it did not within the wait
     */
    record Lag(String group, String topic, Long atStart, Long atLoadEnd, Long max, Double returnedToZeroSeconds) {
    }

    /** Seconds since the benchmark started. */
    record Timeline(double warmupStart, double measureStart, double loadEnd, double drained) {
    }

    /**
     * A process during the measured window: mean and peak CPU (% of one core), peak resident memory (MB), and which of
     * its threads used the CPU (the busiest kinds first).
     */
    record ProcessUse(Double meanCpu, Double maxCpu, Double maxRssMb, List<ThreadUse> threads) {
    }

    /**
     * The CPU one kind of thread of a process used while measured ({@code name}: the thread's name as Linux keeps it,
     * 15 characters, numbers as {@code N}), in seconds and in milliseconds per accepted request.
     */
    record ThreadUse(String name, double cpuSeconds, Double msPerRequest) {
    }

    /** The gateway run against the direct run: ratios above 1 are what the gateway adds. */
    record Comparison(String baseline, String against, Map<String, Double> latencyRatios,
            Double suiteCpuRatio, String note) {
    }
}
