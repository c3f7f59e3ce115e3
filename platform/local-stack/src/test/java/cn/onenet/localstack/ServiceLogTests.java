package cn.onenet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServiceLogTests {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ServiceLog.class);
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @TempDir
    Path dir;

    /**
     * A log that cannot be written (a full disk: {@code /dev/full}) is no reason for the service to hang on a full
     * pipe: its output is read and dropped, and the launcher's own log says so once.
     */
    @Test
    void keepsReadingAndDropsTheOutputWhenTheLogCannotBeWritten() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "a Linux /dev/full");
        ServiceLog serviceLog = new ServiceLog("intake", full, ServiceProcess.SET_ASIDE_AT);
        // some 900 KB, far more than a pipe holds
        Process process = fakeService("--fake.lines=10000", "--fake.exit=0");
        try {
            ServiceLog.Copier copier = serviceLog.copy(process);

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the service printed everything and exited").isTrue();
            assertThat(process.exitValue()).isZero();
            copier.done().get(30, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }

        assertThat(warnings()).singleElement().asString()
                .startsWith("intake: cannot write its log /dev/full, dropping its output (trying again every 10 s): ")
                .contains("No space left on device");
    }

    /** Once the log can be written again (here: its directory is back), the copier writes on, saying what it lost. */
    @Test
    void writesAgainOnceTheLogCanBeWrittenSayingWhatWasDropped() throws Exception {
        Path file = dir.resolve("gone").resolve("gateway.log");
        ServiceLog serviceLog = new ServiceLog("gateway", file, ServiceProcess.SET_ASIDE_AT);
        Process process = fakeService("--server.port=" + Ports.free(), "--fake.chatter");
        try {
            serviceLog.copy(process);
            await().atMost(Duration.ofSeconds(30)).until(() -> !warnings().isEmpty());
            Files.createDirectories(file.getParent());

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file)
                    && new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains("fake line "));
        } finally {
            process.destroyForcibly();
        }

        assertThat(warnings()).singleElement().asString().startsWith("gateway: cannot write its log " + file);
        // the last line may be cut by the kill, in the middle of a character
        String firstLine = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().findFirst()
                .orElseThrow();
        JsonNode first = JsonMapper.builder().build().readTree(firstLine);
        assertThat(first.get("message").asString()).matches("[0-9]+ bytes of gateway's output were dropped: this log"
                + " could not be written");
        assertThat(first.at("/log/level").asString()).isEqualTo("WARN");
    }

    @BeforeEach
    void captureWarnings() {
        warnings.start();
        logger.addAppender(warnings);
    }

    @AfterEach
    void stopCapturing() {
        logger.detachAppender(warnings);
    }

    private List<String> warnings() {
        return warnings.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Process fakeService(String... args) throws IOException {
        Path jar = TestSupport.writeFakeServiceJar(dir.resolve("fake-service.jar"));
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-Xmx32m", "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
