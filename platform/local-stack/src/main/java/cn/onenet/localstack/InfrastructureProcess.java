package cn.onenet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker or the document store in a JVM of its own, started with this JVM's class path. A fault test can
 * then {@link #kill()} it as an operator's {@code kill -9} would: no shutdown hook runs, the H2 file and Kafka's log
 * segments stay exactly as the kill left them, and clients lose their connections.
 *
 * <p>The child writes a ready file once it serves; {@link #start()} waits for that file.
 */
public final class InfrastructureProcess {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureProcess.class);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String KAFKA = "kafka";
    private static final String STORE = "store";

    private final String name;
    private final List<String> programArgs;
    private final List<String> jvmOptions;
    private final Path readyFile;
    private final Path logFile;

    private volatile Process process;

    private InfrastructureProcess(String name, List<String> programArgs, List<String> jvmOptions, Path runDir) {
        this.name = name;
        this.programArgs = List.copyOf(programArgs);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.readyFile = runDir.resolve(name + ".ready");
        this.logFile = runDir.resolve(name + ".log");
    }

    /** The broker {@code new KafkaBroker(dataDir, port, controllerPort)} would be, in its own JVM. */
    static InfrastructureProcess broker(Path dataDir, int port, int controllerPort, Path logDir) {
        return new InfrastructureProcess("kafka-broker",
                List.of(KAFKA, dataDir.toAbsolutePath().toString(), Integer.toString(port), Integer.toString(controllerPort)),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xss512k"), logDir);
    }

    /** The file store {@link DocumentStore#file(Path, int)} would be, in its own JVM. */
    static InfrastructureProcess store(Path h2File, int port, Path logDir) {
        return store(h2File, port, logDir, "512m");
    }

    /** The same with a heap of {@code maxHeap} ({@code -Xmx}) and further JVM options. */
    static InfrastructureProcess store(Path h2File, int port, Path logDir, String maxHeap, String... jvmOptions) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + maxHeap, "-XX:+UseSerialGC", "-Xss512k"));
        options.addAll(List.of(jvmOptions));
        return new InfrastructureProcess("document-store",
                List.of(STORE, h2File.toAbsolutePath().toString(), Integer.toString(port)), options, logDir);
    }

    /**
     * Spawns the JVM and returns once it serves. Does nothing if it is running.
     *
     * @throws IllegalStateException if it exits or is not ready within 120 s (the message holds its last log lines)
     */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(readyFile.getParent());
            Files.deleteIfExists(readyFile);
            List<String> command = new ArrayList<>();
            command.add(ServiceProcess.javaExecutable());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(InfrastructureProcess.class.getName());
            command.addAll(programArgs);
            command.add(readyFile.toString());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        long deadline = started + READY_TIMEOUT.toNanos();
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw failure(name + " exited with code " + process.exitValue() + " while starting");
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw failure(name + " was not ready within " + READY_TIMEOUT.toSeconds() + " s");
            }
            Pause.briefly(POLL);
        }
        log.info("{} (pid {}) ready in {} ms", name, process.pid(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** SIGKILL, and waits for the exit. Does nothing if it is not running. */
    public synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroyForcibly();
        ServiceProcess.awaitExit(current, STOP_GRACE.toNanos());
        log.info("Killed {} (pid {})", name, current.pid());
    }

    /** SIGTERM (the child stops the broker or store cleanly), then SIGKILL after 30 s. */
    public synchronized void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!ServiceProcess.awaitExit(current, STOP_GRACE.toNanos())) {
            log.warn("{} (pid {}) did not stop within {} s, killing it", name, current.pid(), STOP_GRACE.toSeconds());
            kill();
        }
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + System.lineSeparator() + "--- last lines of " + logFile + " ---"
                + System.lineSeparator() + LogTail.lastLines(logFile, ServiceProcess.LOG_TAIL_LINES));
    }


    /**
     * The child: {@code kafka <dataDir> <port> <controllerPort> <readyFile>} or
     * {@code store <h2File> <port> <readyFile>}. Runs until SIGTERM (clean stop) or SIGKILL.
     */
    public static void main(String[] args) throws IOException {
        AutoCloseable running;
        Path ready;
        if (args.length == 5 && args[0].equals(KAFKA)) {
            KafkaBroker broker = new KafkaBroker(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            broker.start();
            running = broker;
            ready = Path.of(args[4]);
        } else if (args.length == 4 && args[0].equals(STORE)) {
            DocumentStore store = DocumentStore.file(Path.of(args[1]), Integer.parseInt(args[2]));
            store.start();
            running = store;
            ready = Path.of(args[3]);
        } else {
            System.err.println("Usage: InfrastructureProcess kafka <dataDir> <port> <controllerPort> <readyFile>"
                    + " | store <h2File> <port> <readyFile>");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", args[0], e);
            }
        }, "infrastructure-stop"));
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        log.info("{} serving (pid {})", args[0], ProcessHandle.current().pid());
        Launcher.awaitShutdown();
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + process.pid() + ")" : " (not running)");
    }
}
