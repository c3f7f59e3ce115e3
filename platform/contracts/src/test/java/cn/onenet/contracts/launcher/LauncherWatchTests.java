package cn.onenet.contracts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LauncherWatchTests {

    /** A stand-in for the launcher: a process of its own, killed as {@code kill -9} would. */
    @Test
    void aServiceExitsOnceTheLauncherIsKilled() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "60").start();
        CountDownLatch exited = new CountDownLatch(1);
        try {
            assertThat(LauncherWatch.watch(Long.toString(launcher.pid()), exited::countDown)).isTrue();
            assertThat(exited.await(300, TimeUnit.MILLISECONDS)).as("the launcher still runs").isFalse();

            launcher.destroyForcibly();

            assertThat(exited.await(10, TimeUnit.SECONDS)).as("exits after the launcher").isTrue();
        }
        finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void aLauncherAlreadyGoneEndsTheServiceAtOnce() throws Exception {
        Process launcher = new ProcessBuilder("true").start();
        launcher.waitFor();
        CountDownLatch exited = new CountDownLatch(1);

        assertThat(LauncherWatch.watch(Long.toString(launcher.pid()), exited::countDown)).isTrue();

        assertThat(exited.getCount()).isZero();
    }

    @Test
    void aServiceStartedOnItsOwnWatchesNothing() {
        Runnable fail = () -> {
            throw new AssertionError("must not exit");
        };
        assertThat(LauncherWatch.watch(null, fail)).isFalse();
        assertThat(LauncherWatch.watch(" ", fail)).isFalse();
        assertThat(LauncherWatch.watch("launcher", fail)).isFalse();
    }

    /** Its lines go to the service's standard error, which the launcher appends to the service's JSON log. */
    @Test
    void writesItsLinesAsJsonNamingTheService() {
        System.setProperty(LauncherWatch.SERVICE_PROPERTY, "routing-service");
        try {
            JsonNode line = JsonMapper.builder().build().readTree(LauncherWatch.line("WARN",
                    "The launcher (pid 42) is gone: stopping"));

            assertThat(line.at("/log/level").asString()).isEqualTo("WARN");
            assertThat(line.at("/log/logger").asString()).isEqualTo(LauncherWatch.class.getName());
            assertThat(line.at("/service/name").asString()).isEqualTo("routing-service");
            assertThat(line.get("message").asString()).isEqualTo("The launcher (pid 42) is gone: stopping");
        }
        finally {
            System.clearProperty(LauncherWatch.SERVICE_PROPERTY);
        }
    }

    /**
     * The launcher copies a service's output into its log through a pipe: once it is gone, the service's last words
     * (its line, its shutdown) go straight to the end of the log instead of nowhere.
     */
    @Test
    void writesStraightToTheLogOnceTheLauncherIsGone(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("routing-service.log");
        Files.writeString(log, "{\"message\":\"earlier\"}\n");
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            assertThat(LauncherWatch.writeStraightTo(log.toString())).isTrue();
            System.err.println("停止 stopping");
            System.out.println("Closing the context");
        }
        finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(Files.readAllLines(log)).containsExactly("{\"message\":\"earlier\"}", "停止 stopping",
                "Closing the context");
        assertThat(LauncherWatch.writeStraightTo(null)).as("a service started on its own").isFalse();
        assertThat(LauncherWatch.writeStraightTo(dir.resolve("missing/x.log").toString())).isFalse();
    }

    /** Shutdown hooks that wait for the broker or the store the launcher took with it don't keep the port taken. */
    @Test
    void aStopThatHangsIsHaltedAfterTheGrace() throws Exception {
        CountDownLatch halted = new CountDownLatch(1);
        CountDownLatch neverReleased = new CountDownLatch(1);
        Thread stopping = new Thread(LauncherWatch.stopping(() -> {
            try {
                neverReleased.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, halted::countDown, Duration.ofMillis(200)));
        stopping.setDaemon(true);
        stopping.start();

        assertThat(halted.await(100, TimeUnit.MILLISECONDS)).as("halted before the grace ran out").isFalse();
        assertThat(halted.await(5, TimeUnit.SECONDS)).as("halted once the grace ran out").isTrue();
        stopping.interrupt();
    }
}
