package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The launcher's restarts, on stand-in services ({@link FakeBootService}) killed from outside as {@code kill -9}. */
class SupervisorTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Pauses of 100 ms, 200 ms, 400 ms …: the launcher's are ten times as long. */
    private static final Supervisor.Policy QUICK = new Supervisor.Policy(Duration.ofMillis(100), Duration.ofSeconds(3),
            Duration.ofSeconds(60), 2, Duration.ofSeconds(30));

    @TempDir
    Path dir;

    private Path jar;
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<ServiceProcess> started = new ArrayList<>();
    private final List<Supervisor> supervisors = new ArrayList<>();

    @BeforeEach
    void writeJar() {
        jar = TestSupport.writeFakeServiceJar(dir.resolve("fake-service.jar"));
    }

    @AfterEach
    void stopEverything() {
        running.set(false);
        supervisors.forEach(Supervisor::stop);
        started.forEach(ServiceProcess::kill);
    }

    @Test
    void restartsAServiceKilledWhileTheSuiteRunsWithTheSameCommandLine() throws Exception {
        ServiceProcess service = startHealthy("routing-service",
                List.of("--spring.kafka.bootstrap-servers=127.0.0.1:1"));
        long killed = service.pid();
        supervise(service, QUICK);

        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> reports.size() >= 2);
        assertThat(reports.get(0)).startsWith("!! routing-service exited unexpectedly (exit code 137); restarting it"
                + " in 0.1 s (attempt 1 of 2). Last lines of " + service.logFile());
        assertThat(reports.get(1))
            .matches("routing-service is healthy again after [0-9.]+ s \\(pid [0-9]+, attempt 1\\)")
                .contains("pid " + service.pid());
        assertThat(service.pid()).isNotEqualTo(killed);
        assertThat(service.isAlive()).isTrue();
        assertThat(TestSupport.get(service.baseUrl() + "/args").body().lines())
                .containsExactly("--server.port=" + service.port(), "--spring.kafka.bootstrap-servers=127.0.0.1:1");
        assertThat(launcherLines(service)).extracting(line -> line.get("message").asString()).satisfiesExactly(
                first -> assertThat(first).startsWith("Starting routing-service: "),
                crash -> assertThat(crash).isEqualTo("routing-service exited unexpectedly (exit code 137);"
                        + " restarting it in 0.1 s (attempt 1 of 2)"),
                again -> assertThat(again).startsWith("Starting routing-service: "),
                healthy -> assertThat(healthy).startsWith("routing-service is healthy again after "));
    }

    @Test
    void leavesAServiceThatKeepsCrashingStoppedAndSaysHowOften() throws Exception {
        ServiceProcess service = start("gateway", List.of("--fake.exit=3"));
        supervise(service, QUICK);

        await().atMost(Duration.ofSeconds(30)).until(() -> reports.size() >= 3);

        assertThat(reports).hasSize(3).satisfiesExactly(
                first -> assertThat(first).startsWith("!! gateway exited unexpectedly (exit code 3); restarting it in"
                        + " 0.1 s (attempt 1 of 2)."),
                second -> assertThat(second).startsWith("!! gateway exited unexpectedly (exit code 3); restarting it in"
                        + " 0.2 s (attempt 2 of 2)."),
                last -> assertThat(last).startsWith("!! gateway exited unexpectedly (exit code 3), 3 times in a row,"
                        + " each within 60 s of its start; left stopped after 2 restarts (the rest keeps running).")
                        .contains("fake failure: exiting with 3"));
        assertThat(service.isAlive()).isFalse();
        assertThat(launcherLines(service)).filteredOn(line -> line.get("message").asString().startsWith("Starting "))
                .as("the first start and two restarts").hasSize(3);
        assertThat(launcherLines(service).get(launcherLines(service).size() - 1).at("/log/level").asString())
                .isEqualTo("ERROR");
    }

    @Test
    void aServiceThatRanHealthyLongEnoughStartsCountingAfresh() {
        ServiceProcess service = startHealthy("intake", List.of());
        supervise(service, new Supervisor.Policy(Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ZERO, 1,
                Duration.ofSeconds(30)));

        for (int crash = 1; crash <= 2; crash++) {
            int reported = reports.size();
            ProcessHandle.of(service.pid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> reports.size() >= reported + 2);
        }

        assertThat(reports).hasSize(4).filteredOn(report -> report.startsWith("!! "))
                .allSatisfy(report -> assertThat(report).contains("(attempt 1 of 1)"));
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void restartsNothingOnceTheSuiteStops() {
        ServiceProcess service = startHealthy("identity", List.of());
        supervise(service, QUICK);

        running.set(false);
        service.kill();

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> reports.isEmpty() && !service.isAlive());
    }

    private List<JsonNode> launcherLines(ServiceProcess service) throws Exception {
        return Files.readAllLines(service.logFile()).stream()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .filter(line -> line.at("/log/logger").asString().equals(ServiceProcess.class.getName()))
                .toList();
    }

    private void supervise(ServiceProcess service, Supervisor.Policy policy) {
        Supervisor supervisor = new Supervisor(service, policy, running::get, again -> {
            if (!running.get()) {
                return false;
            }
            again.start();
            return true;
        }, reports::add);
        supervisors.add(supervisor);
        supervisor.watch();
    }

    private ServiceProcess startHealthy(String name, List<String> args) {
        ServiceProcess service = start(name, args);
        service.awaitHealthy(Duration.ofSeconds(30));
        return service;
    }

    private ServiceProcess start(String name, List<String> args) {
        ServiceProcess service = new ServiceProcess(name, jar, Ports.free(), args, TestSupport.SMALL_JVM,
                dir.resolve("logs").resolve(name + ".log"));
        started.add(service);
        service.start();
        return service;
    }
}
