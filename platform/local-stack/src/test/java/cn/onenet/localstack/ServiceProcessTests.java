package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        assertThat(Files.readString(service.logFile())).contains("fake service listening on " + service.port());
        JsonNode start = JSON.readTree(Files.readAllLines(service.logFile()).get(0));
        assertThat(start.get("message").asString()).as("a JSON line like the service's own")
                .startsWith("Starting routing-service: ")
                .contains(" -Donenet.launcher-service=routing-service ")
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

    private ServiceProcess start(String name, List<String> args) {
        ServiceProcess service = new ServiceProcess(name, jar, Ports.free(), args, TestSupport.SMALL_JVM,
                dir.resolve("logs").resolve(name + ".log"));
        started.add(service);
        service.start();
        return service;
    }
}
