package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTests {

    @TempDir
    Path proc;

    private static final String STAT = "%d (%s) S %d 4242 4242 0 -1 4194560 51532 0 12 0 %d %d 0 0 20 0 37 0 "
            + "1234567 4096000000 65432 18446744073709551615 1 1 0 0 0 0 0 4096 16387 0 0 0 17 1 0 0 0 0 0";

    private static String stat(long pid, String comm, long ppid, long utime, long stime) {
        return String.format(STAT, pid, comm, ppid, utime, stime) + "\n";
    }

    @Test
    void readsCpuTimesEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        ProcFs.ProcessTimes times = ProcFs.parseStat(stat(4242, "java (my) app", 1, 1503, 97));

        assertThat(times.parentPid()).isEqualTo(1);
        assertThat(times.userTicks()).isEqualTo(1503);
        assertThat(times.systemTicks()).isEqualTo(97);
        assertThat(times.totalTicks()).isEqualTo(1600);
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcFs.parseStat("nonsense")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsResidentMemoryFromStatus() {
        String status = "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 4000000 kB\nVmRSS:\t  312456 kB\nThreads:\t42\n";

        assertThat(ProcFs.parseResidentKilobytes(status)).isEqualTo(312_456);
        assertThat(ProcFs.parseResidentKilobytes("Name:\tkthreadd\n")).isZero();
    }

    @Test
    void readsTheMachineCpuLineWithoutCountingGuestTimeTwice() {
        String stat = "cpu  100 5 50 800 20 1 2 3 40 0\ncpu0 50 2 25 400 10 0 1 1 20 0\nintr 1 2 3\n";

        ProcFs.MachineTimes times = ProcFs.parseMachineStat(stat);

        assertThat(times.totalTicks()).isEqualTo(100 + 5 + 50 + 800 + 20 + 1 + 2 + 3);
        assertThat(times.idleTicks()).isEqualTo(820);
    }

    @Test
    void splitsCommandLinesAtNulBytes() {
        byte[] raw = "/usr/bin/java\0-Xmx256m\0-jar\0/repo/gateway/target/gateway.jar\0--server.port=8080\0"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ProcFs.parseCommandLine(raw)).containsExactly("/usr/bin/java", "-Xmx256m", "-jar",
                "/repo/gateway/target/gateway.jar", "--server.port=8080");
        assertThat(ProcFs.parseCommandLine(new byte[0])).isEmpty();
    }

    @Test
    void findsTheSuitesJvmsAndIgnoresOtherCopiesOfTheSameJars() throws IOException {
        process(300, 1, "/usr/bin/java", "-Xmx512m", "-jar",
                "/repo/platform/local-stack/target/onenet-local-stack-0.1.0-SNAPSHOT-exec.jar", "--home", "/repo");
        process(301, 300, "/usr/bin/java", "-jar", "/repo/request-intake-service/target/request-intake-service.jar",
                "--server.port=8081");
        process(302, 300, "/usr/bin/java", "-jar", "/repo/routing-service/target/routing-service.jar",
                "--server.port=8082");
        process(303, 300, "/usr/bin/java", "-jar", "/repo/gateway/target/gateway.jar", "--server.port=8080");
        // a system test's copy on a random port, and a tail of a file with a matching name
        process(400, 1, "/usr/bin/java", "-jar", "/repo/gateway/target/gateway.jar", "--server.port=32773");
        process(401, 1, "tail", "-f", "gateway.jar");

        Map<String, Long> found = new ProcessDiscovery(new ProcFs(proc)).discover(Map.of(
                ProcessDiscovery.GATEWAY, 8080, ProcessDiscovery.INTAKE, 8081, ProcessDiscovery.ROUTING, 8082));

        assertThat(found).containsExactly(Map.entry(ProcessDiscovery.GATEWAY, 303L),
                Map.entry(ProcessDiscovery.INTAKE, 301L), Map.entry(ProcessDiscovery.ROUTING, 302L),
                Map.entry(ProcessDiscovery.LAUNCHER, 300L));
    }

    @Test
    void findsNothingForAServiceRunningOnlyOnAnotherPort() throws IOException {
        process(400, 1, "/usr/bin/java", "-jar", "/repo/gateway/target/gateway.jar", "--server.port=32773");

        assertThat(new ProcessDiscovery(new ProcFs(proc)).discover(Map.of(ProcessDiscovery.GATEWAY, 8080)))
                .isEmpty();
    }

    @Test
    void parsesExplicitPids() {
        assertThat(ProcessDiscovery.parsePids("gateway=12, kafka=34")).containsExactly(
                Map.entry("gateway", 12L), Map.entry("kafka", 34L));
        assertThatThrownBy(() -> ProcessDiscovery.parsePids("gateway")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessDiscovery.parsePids("gateway=x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesCpuAsPercentOfOneCoreAndResidentMemoryInMegabytes() throws IOException {
        process(500, 1, "/usr/bin/java", "-jar", "x.jar");
        write(500, "stat", stat(500, "java", 1, 100, 20));
        write(500, "status", "Name:\tjava\nVmRSS:\t  524288 kB\n");
        Files.writeString(proc.resolve("stat"), "cpu  1000 0 0 9000 0 0 0 0 0 0\n");
        Monitor monitor = new Monitor(new ProcFs(proc), Map.of("svc", 500L, "gone", 999L), 100, () -> 7, 0);

        Monitor.Sample first = monitor.sample(1_000_000_000L);
        // two seconds later the process used 150 more ticks (1.5 s of CPU: 75 % of one core), the machine 300 busy
        write(500, "stat", stat(500, "java", 1, 230, 40));
        Files.writeString(proc.resolve("stat"), "cpu  1300 0 0 9100 0 0 0 0 0 0\n");
        Monitor.Sample second = monitor.sample(3_000_000_000L);

        assertThat(first.processes().get("svc").cpu()).isNull();
        assertThat(second.t()).isEqualTo(3.0);
        assertThat(second.processes().get("svc").cpu()).isEqualTo(75.0);
        assertThat(second.processes().get("svc").rssMb()).isEqualTo(512.0);
        assertThat(second.processes().get("gone").cpu()).isNull();
        assertThat(second.processes().get("gone").rssMb()).isNull();
        assertThat(second.machineCpu()).isEqualTo(150.0);
        assertThat(second.otherCpu()).isEqualTo(75.0);
        assertThat(second.lag()).isEqualTo(7);
        assertThat(monitor.samples()).hasSize(2);
    }

    @Test
    void addsUpAProcesssThreadsByNameWithTheirNumbersLeftOut() throws IOException {
        process(600, 1, "/usr/bin/java", "-jar", "routing-service.jar");
        thread(600, 601, "java", 40, 10);
        thread(600, 602, "http-nio-8082-e", 300, 20);
        thread(600, 603, "http-nio-8082-e", 100, 80);
        thread(600, 604, "GC Thread#0", 7, 0);
        thread(600, 605, "GC Thread#1", 3, 1);
        thread(600, 606, "odd (name) here", 5, 5);
        // a thread that ended between listing and reading leaves a directory without its stat
        Files.createDirectories(proc.resolve("600/task/607"));
        Monitor monitor = new Monitor(new ProcFs(proc), Map.of("routing", 600L, "gone", 999L), 100, null, 0);

        Map<String, Map<String, Long>> ticks = monitor.threadTicks();

        assertThat(ticks).containsOnlyKeys("routing");
        assertThat(ticks.get("routing")).containsOnly(Map.entry("java", 50L), Map.entry("http-nio-N-e", 500L),
                Map.entry("GC Thread#N", 11L), Map.entry("odd (name) here", 10L));
        assertThat(new ProcFs(proc).threadTicks(999)).isEmpty();
    }

    @Test
    void namesTheThreadsThatUsedTheCpuWhileMeasuredBusiestFirstPerAcceptedRequest() {
        Map<String, Long> before = Map.of("http-nio-N-exec", 1_000L, "kafka-producer-", 200L, "GC Thread#N", 50L,
                "Catalina-utilit", 10L, "ended-meanwhile", 90L);
        Map<String, Long> after = Map.of("http-nio-N-exec", 1_600L, "kafka-producer-", 350L, "GC Thread#N", 60L,
                "Catalina-utilit", 11L, "started-meanwh", 40L);

        // 100 ticks a second; 6,000 requests accepted while measured
        List<BenchmarkResult.ThreadUse> threads = Benchmark.threadUse(before, after, 100, 6_000);

        // 600 + 150 + 40 + 10 + 1 ticks: the collector's 10 and Catalina's one are under 3 % of them, and a thread
        // that ended took its ticks with it
        assertThat(threads).containsExactly(new BenchmarkResult.ThreadUse("http-nio-N-exec", 6.0, 1.0),
                new BenchmarkResult.ThreadUse("kafka-producer-", 1.5, 0.25),
                new BenchmarkResult.ThreadUse("started-meanwh", 0.4, 0.067));
        assertThat(Benchmark.threadUse(before, after, 100, 0)).first()
                .isEqualTo(new BenchmarkResult.ThreadUse("http-nio-N-exec", 6.0, null));
        assertThat(Benchmark.threadUse(null, after, 100, 6_000)).isEmpty();
        assertThat(Benchmark.threadUse(before, Map.of(), 100, 6_000)).isEmpty();
    }

    private void thread(long pid, long tid, String name, long utime, long stime) throws IOException {
        Path task = proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid));
        Files.createDirectories(task);
        Files.writeString(task.resolve("stat"), stat(tid, name, 1, utime, stime), StandardCharsets.UTF_8);
    }

    private void process(long pid, long ppid, String... args) throws IOException {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        write(pid, "cmdline", String.join("\0", List.of(args)) + "\0");
        write(pid, "stat", stat(pid, "java", ppid, 1, 1));
    }

    private void write(long pid, String file, String content) throws IOException {
        Files.writeString(proc.resolve(Long.toString(pid)).resolve(file), content, StandardCharsets.UTF_8);
    }
}
