package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServiceProcessTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path jar;
    private final List<ServiceProcess> started = new ArrayList<>();

    @BeforeEach
    void writeJar() {
        jar = TestSupport.writeFakeServiceJar(dir.resolve("fake-service.jar"));
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(ServiceProcess::kill);
    }

    @Test
    void becomesHealthyWithItsPortAndArgumentsAndStopsOnSigterm() throws Exception {
        ServiceProcess service = start("routing-service", List.of("--spring.kafka.bootstrap-servers=127.0.0.1:1"));

        service.awaitHealthy(Duration.ofSeconds(30));

        assertThat(service.isAlive()).isTrue();
        assertThat(service.baseUrl()).isEqualTo("http://127.0.0.1:" + service.port());
        assertThat(TestSupport.get(service.baseUrl() + "/args").body().lines())
                .containsExactly("--server.port=" + service.port(), "--spring.kafka.bootstrap-servers=127.0.0.1:1");
        assertThat(TestSupport.get(service.baseUrl() + "/launcher").body())
                .as("the launcher's pid, for LauncherWatch").isEqualTo(Long.toString(ProcessHandle.current().pid()));

        service.stop();

        assertThat(service.isAlive()).isFalse();
        assertThat(Files.readString(service.logFile())).contains("fake service listening on " + service.port())
            .as("what it says while it stops reaches the log: the pipe stays open until it has exited")
            .contains("fake service stopped gracefully");
        JsonNode start = JSON.readTree(Files.readAllLines(service.logFile()).get(0));
        assertThat(start.get("message").asString()).as("a JSON line like the service's own")
                .startsWith("Starting routing-service: ")
                .contains(" -Donenet.launcher-service=routing-service ")
                .as("where its last words go with the launcher gone")
                .contains(" -Donenet.launcher-log=" + service.logFile() + " ")
                .endsWith(" --server.port=" + service.port() + " --spring.kafka.bootstrap-servers=127.0.0.1:1");
        assertThat(start.at("/service/name").asString()).isEqualTo("routing-service");
        assertThat(start.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(start.at("/log/logger").asString()).isEqualTo(ServiceProcess.class.getName());
        assertThat(start.get("@timestamp").asString()).isNotBlank();
    }

    @Test
    void awaitHealthyReportsAnEarlyExitWithTheEndOfTheLog() {
        ServiceProcess service = start("intake", List.of("--fake.exit=3"));

        assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("intake exited with code 3 before becoming healthy")
                .hasMessageContaining("fake failure: exiting with 3");
    }

    @Test
    void awaitHealthyGivesUpOnAServiceThatStaysDown() {
        ServiceProcess service = start("gateway", List.of("--fake.health=DOWN"));

        assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway did not become healthy within 3 s")
                .hasMessageContaining("fake service listening on " + service.port());
        assertThat(service.isAlive()).isTrue();

        service.kill();

        assertThat(service.isAlive()).isFalse();
    }

    @Test
    void appendsToTheLogFileAcrossRestarts() throws Exception {
        ServiceProcess service = start("intake", List.of());
        service.awaitHealthy(Duration.ofSeconds(30));
        service.kill();

        service.start();
        service.awaitHealthy(Duration.ofSeconds(30));

        assertThat(Files.readString(service.logFile()).split("fake service listening", -1)).hasSize(3);
    }

    /** A log of 100 MB or more is set aside as {@code <name>.1.log} when the service starts (one such file kept). */
    @Test
    void setsALargeLogAsideWhenItStarts() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("routing-service.1.log"), "the run before last\n");
        try (java.io.RandomAccessFile large = new java.io.RandomAccessFile(logs.resolve("routing-service.log").toFile(),
                "rw")) {
            large.setLength(ServiceProcess.SET_ASIDE_AT); // sparse: no 100 MB written
        }

        ServiceProcess service = start("routing-service", List.of());
        service.awaitHealthy(Duration.ofSeconds(30));

        assertThat(Files.size(logs.resolve("routing-service.1.log"))).isEqualTo(ServiceProcess.SET_ASIDE_AT);
        assertThat(Files.readString(service.logFile())).contains("fake service listening")
            .hasSizeLessThan(1024 * 1024);
        service.kill();
        service.start();
        service.awaitHealthy(Duration.ofSeconds(30));
        assertThat(Files.size(logs.resolve("routing-service.1.log"))).as("a small log is appended to, as before")
            .isEqualTo(ServiceProcess.SET_ASIDE_AT);
    }

    /**
     * Within a run the log is set aside as {@code <name>.1.log} each time it reaches the size, after a whole line:
     * two files of about that size, holding the service's last lines whole and in order.
     */
    @Test
    void setsItsLogAsideWhileItRunsEachTimeItReachesTheSize() throws Exception {
        long setAsideAt = 16 * 1024;
        ServiceProcess service = start("routing-service", List.of("--fake.lines=2000"), setAsideAt);
        service.awaitHealthy(Duration.ofSeconds(30));
        service.kill();

        Path earlier = service.logFile().resolveSibling("routing-service.1.log");
        assertThat(Files.size(earlier)).as("set aside after the line that filled it")
                .isBetween(setAsideAt, setAsideAt + 1024);
        assertThat(Files.size(service.logFile())).isLessThanOrEqualTo(setAsideAt);
        List<String> lines = Stream.concat(Files.readAllLines(earlier).stream(),
                Files.readAllLines(service.logFile()).stream()).toList();
        List<String> fakeLines = lines.stream().filter(line -> line.startsWith("fake line ")).toList();
        int first = Integer.parseInt(fakeLines.get(0).substring("fake line ".length(), "fake line 000000".length()));
        assertThat(first).as("the first lines went with the files set aside before").isPositive();
        assertThat(fakeLines).as("the last lines, whole (their Chinese too) and in order")
                .containsExactlyElementsOf(IntStream.range(first, 2000).mapToObj(FakeBootService::line).toList());
        assertThat(lines).filteredOn(line -> !line.startsWith("fake line ")).allSatisfy(line ->
                assertThat(line).matches("\\{.*\\}|fake service listening on " + service.port()));
        JsonNode note = JSON.readTree(Files.readAllLines(service.logFile()).get(0));
        assertThat(note.get("message").asString()).as("the new file's first line")
                .matches("The earlier part of this log \\([0-9]+ bytes\\) was set aside as routing-service\\.1\\.log"
                        + " on reaching 16384 bytes \\(the one there before is dropped\\)");
        assertThat(note.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(note.at("/log/logger").asString()).isEqualTo(ServiceProcess.class.getName());
        assertThat(note.at("/service/name").asString()).isEqualTo("routing-service");
    }

    /** A service started again appends to the file its last run left, which is set aside in its turn. */
    @Test
    void aRestartedServiceAppendsToTheCurrentLog() throws Exception {
        long setAsideAt = 64 * 1024;
        // some 76 KB a run: each sets the log aside once
        ServiceProcess service = start("intake", List.of("--fake.lines=850"), setAsideAt);
        service.awaitHealthy(Duration.ofSeconds(30));
        service.kill();
        Path earlier = service.logFile().resolveSibling("intake.1.log");
        List<String> firstRun = Files.readAllLines(service.logFile());

        service.start();
        service.awaitHealthy(Duration.ofSeconds(30));
        service.kill();

        List<String> setAside = Files.readAllLines(earlier);
        assertThat(setAside.subList(0, firstRun.size())).as("what the first run left, then the second start")
                .isEqualTo(firstRun);
        assertThat(firstRun).endsWith(FakeBootService.line(849), "fake service listening on " + service.port());
        assertThat(JSON.readTree(setAside.get(firstRun.size())).get("message").asString())
                .startsWith("Starting intake: ");
        assertThat(Files.size(earlier)).isBetween(setAsideAt, setAsideAt + 1024);
        assertThat(Files.readAllLines(service.logFile()))
                .endsWith(FakeBootService.line(849), "fake service listening on " + service.port());
    }

    /** The launcher's own lines and a service's output that comes in parts (a line flushed mid-way) never mix. */
    @Test
    void theLaunchersLinesAndTheServicesStayWhole() throws Exception {
        ServiceProcess service = start("gateway", List.of("--fake.chatter"));
        service.awaitHealthy(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> text(service.logFile()).contains(FakeBootService.line(20)));

        for (int i = 0; i < 300; i++) {
            service.appendToLog("INFO", "launcher line " + i + "，网关");
        }
        service.kill();

        List<String> lines = text(service.logFile()).lines().toList();
        // the service's last one may be cut by the kill (not the launcher's, written whole)
        List<String> whole = lines.get(lines.size() - 1).startsWith("{") ? lines : lines.subList(0, lines.size() - 1);
        List<String> fakeLines = whole.stream().filter(line -> line.startsWith("fake line ")).toList();
        assertThat(fakeLines).containsExactlyElementsOf(
                IntStream.range(0, fakeLines.size()).mapToObj(FakeBootService::line).toList());
        List<String> others = whole.stream().filter(line -> !line.startsWith("fake line ")).toList();
        assertThat(others).allSatisfy(line -> assertThat(line)
                .matches("\\{.*\\}|fake service listening on " + service.port()));
        assertThat(others.stream().filter(line -> line.startsWith("{")).map(line -> JSON.readTree(line)
                .get("message").asString()).filter(message -> message.startsWith("launcher line ")))
                .containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> "launcher line " + i + "，网关")
                        .toList());
    }

    @Test
    void refusesToStartWithoutItsJar() {
        ServiceProcess service = new ServiceProcess("gateway", dir.resolve("missing.jar"), Ports.free(), List.of(),
                List.of(), dir.resolve("gateway.log"));

        assertThatThrownBy(service::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway jar not found")
                .hasMessageContaining("missing.jar");
        assertThat(service.isAlive()).isFalse();
    }

    @Test
    void stopAndKillDoNothingBeforeStart() {
        ServiceProcess service = new ServiceProcess("gateway", jar, Ports.free(), List.of(), List.of(),
                dir.resolve("gateway.log"));

        service.stop();
        service.kill();

        assertThat(service.isAlive()).isFalse();
        assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not been started");
    }

    /** The file as UTF-8, a malformed byte read as a replacement character. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private ServiceProcess start(String name, List<String> args) {
        return start(name, args, ServiceProcess.SET_ASIDE_AT);
    }

    private ServiceProcess start(String name, List<String> args, long setAsideAt) {
        ServiceProcess service = new ServiceProcess(name, jar, Ports.free(), args, TestSupport.SMALL_JVM,
                dir.resolve("logs").resolve(name + ".log"), null, setAsideAt);
        started.add(service);
        service.start();
        return service;
    }
}
