package cn.onenet.localstack;

import cn.onenet.contracts.launcher.EcsLine;
import cn.onenet.contracts.launcher.LauncherWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spring Boot service running as a separate JVM ({@code java -jar}), its stdout and stderr appended to a log
 * file through a pipe this launcher copies from ({@link ServiceLog}: the file is set aside as {@code <name>.1.log}
 * whenever it reaches 100 MB). What this launcher writes there itself (each start, with its command line) is a JSON
 * line like the service's.
 */
public final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    static final int LOG_TAIL_LINES = 40;
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * A service recording its class data archive writes it after its context has closed: routing's, after a run that
     * served requests, took 15-18 s with the four services writing theirs at once on two cores, and one killed at
     * 20 s left no archive for the next start.
     */
    private static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration KILL_WAIT = Duration.ofSeconds(30);
    /** How long an exited process's output may take to reach its log (the pipe holds at most some 64 KB). */
    private static final Duration OUTPUT_WAIT = Duration.ofSeconds(5);
    private static final Duration HEALTH_POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    /** Actuator writes the aggregate status first. */
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Za-z_]+)\"");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> args;
    private final List<String> jvmOptions;
    /** The size at which a service's log is set aside as {@code <name>.1.log}, when it starts and while it runs. */
    static final long SET_ASIDE_AT = 100L * 1024 * 1024;

    private final Path logFile;
    private final ServiceLog serviceLog;
    /** null: always from the jar as it is */
    private final ClassDataSharing classData;

    private volatile Process process;
    /** Copies the current process's output to the log; null before the first start. */
    private volatile ServiceLog.Copier copier;
    private volatile ClassDataSharing.Launch launch;

    /**
     * @param name       the service name, e.g. {@code routing-service}
     * @param jar        the executable Spring Boot jar
     * @param port       the HTTP port, passed as {@code --server.port}
     * @param args       further program arguments, e.g. {@code --spring.kafka.bootstrap-servers=...}
     * @param jvmOptions JVM options placed before {@code -jar}
     * @param logFile    stdout and stderr are appended here
     */
    public ServiceProcess(String name, Path jar, int port, List<String> args, List<String> jvmOptions, Path logFile) {
        this(name, jar, port, args, jvmOptions, logFile, null);
    }

    /**
     * As {@link #ServiceProcess(String, Path, int, List, List, Path)}, with class data sharing: the service runs from
     * an extracted copy of its jar and maps the classes its last run archived (see {@link ClassDataSharing}).
     *
     * @param classDataRoot where the copies and archives go; null for none
     */
    ServiceProcess(String name, Path jar, int port, List<String> args, List<String> jvmOptions, Path logFile,
            Path classDataRoot) {
        this(name, jar, port, args, jvmOptions, logFile, classDataRoot, SET_ASIDE_AT);
    }

    /**
     * As {@link #ServiceProcess(String, Path, int, List, List, Path, Path)}, its log set aside at {@code setAsideAt}
     * bytes instead of {@link #SET_ASIDE_AT}.
     */
    ServiceProcess(String name, Path jar, int port, List<String> args, List<String> jvmOptions, Path logFile,
            Path classDataRoot, long setAsideAt) {
        this.name = Objects.requireNonNull(name, "name");
        this.jar = Objects.requireNonNull(jar, "jar").toAbsolutePath().normalize();
        if (port <= 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " port must be between 1 and 65535 but was " + port);
        }
        this.port = port;
        this.args = List.copyOf(args);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = Objects.requireNonNull(logFile, "logFile").toAbsolutePath().normalize();
        this.classData = classDataRoot == null ? null : new ClassDataSharing(classDataRoot, name, this.jar);
        this.serviceLog = new ServiceLog(name, this.logFile, setAsideAt);
    }

    /**
     * Launches the JVM with the same {@code java} as this one. Returns once the process is spawned; use
     * {@link #awaitHealthy(Duration)} to wait for the service.
     *
     * @throws IllegalStateException if it is already running, the jar is missing or the process cannot be spawned
     */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar not found: " + jar
                    + " (build it with ./mvnw -DskipTests package)");
        }
        awaitOutput();
        try {
            Path logDir = logFile.getParent();
            if (logDir != null) {
                Files.createDirectories(logDir);
            }
            // a log of SET_ASIDE_AT (100 MB) or more from an earlier run; within a run the copier sets it aside
            serviceLog.setAsideIfLarge();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the log directory of " + logFile, e);
        }
        ClassDataSharing.Launch current = classData == null
                ? ClassDataSharing.Launch.off(jar, jvmOptions)
                : classData.prepare(jvmOptions, logFile);
        List<String> command = command(current);
        appendToLog("INFO", "Starting " + name + ": " + String.join(" ", command));
        // through a pipe, not straight into the file: the launcher sets the file aside when it is full, line by line
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        try {
            Process started = builder.start();
            copier = serviceLog.copy(started);
            process = started;
            launch = current;
            // the service never reads its stdin
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
        log.debug("Started {} (pid {}) on port {}, log {}", name, process.pid(), port, logFile);
    }

    /**
     * Polls {@code /actuator/health} until it answers 200 with status UP.
     *
     * @throws IllegalStateException if the process is not running or exits, or if {@code timeout} runs out; the
     *                               message ends with the last 40 lines of the log file
     */
    public void awaitHealthy(Duration timeout) {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        URI healthUri = URI.create(baseUrl() + "/actuator/health");
        String lastObservation = "no answer yet";
        while (true) {
            if (!current.isAlive()) {
                throw failure(name + " exited with code " + current.exitValue() + " before becoming healthy");
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(healthUri).timeout(HEALTH_REQUEST_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                String status = status(response.body());
                if (response.statusCode() == 200 && "UP".equals(status)) {
                    return;
                }
                lastObservation = "HTTP " + response.statusCode() + (status == null ? "" : ", status " + status);
            } catch (IOException e) {
                lastObservation = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name + " to become healthy", e);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw failure(name + " did not become healthy within " + timeout.toSeconds() + " s (last: "
                        + lastObservation + ")");
            }
            // waiting for the exit doubles as the pause between polls and notices a crash at once
            awaitExit(current, Math.min(remaining, HEALTH_POLL_INTERVAL.toNanos()));
        }
    }

    /** Kills the process (SIGKILL) and waits for it to exit. Does nothing if it is not running. */
    public synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        // through its handle: Process.destroyForcibly also closes this end of its output, losing what it wrote last
        current.toHandle().destroyForcibly();
        if (!awaitExit(current, KILL_WAIT.toNanos())) {
            throw new IllegalStateException(name + " (pid " + current.pid() + ") did not exit after SIGKILL");
        }
        awaitOutput();
        log.debug("Killed {} (pid {})", name, current.pid());
    }

    /**
     * Asks the process to terminate (SIGTERM) and waits up to 20 s for it to exit (60 s while it records its class
     * data archive), then kills it. Does nothing if it is not running.
     */
    public synchronized void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        // through its handle: Process.destroy also closes this end of its output, and what the service says while it
        // stops (its graceful shutdown) went nowhere
        current.toHandle().destroy();
        Duration grace = launch != null && launch.mode() == ClassDataSharing.Mode.RECORD ? RECORDING_STOP_GRACE
                : STOP_GRACE;
        if (awaitExit(current, grace.toNanos())) {
            awaitOutput();
            log.debug("Stopped {} (pid {}), exit code {}", name, current.pid(), current.exitValue());
            if (classData != null && launch != null) {
                classData.keepRecording(launch);
            }
            return;
        }
        log.warn("{} (pid {}) did not stop within {} s, killing it", name, current.pid(), grace.toSeconds());
        kill();
    }

    /**
     * Appends a line to the service's log file in the shape of the service's own (a JSON object, see
     * {@link EcsLine}), written by this launcher: {@code log.logger} is this class, {@code process.pid} the launcher's.
     * It goes through the same lock as the service's output, so that neither cuts into a line of the other.
     *
     * @throws UncheckedIOException if the log file cannot be written
     */
    void appendToLog(String level, String message) {
        try {
            serviceLog.writeLine(level, message);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the log file " + logFile, e);
        }
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The current process's id; -1 before the first start. */
    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    Path jar() {
        return jar;
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Completes when the current process exits and what it printed is in its log (or 5 s later); never completes if
     * it has not been started.
     */
    CompletableFuture<Process> onExit() {
        Process current = process;
        ServiceLog.Copier output = copier;
        if (current == null) {
            return new CompletableFuture<>();
        }
        return current.onExit().thenCompose(exited -> output.done().copy()
                .completeOnTimeout(null, OUTPUT_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(copied -> exited));
    }

    /**
     * Waits up to 5 s for the output of the last process (exited) to reach its log. A copier still reading then (a
     * process the service started holds the pipe) is told to drop the rest: one copier writes the file at a time.
     */
    private void awaitOutput() {
        ServiceLog.Copier output = copier;
        if (output == null || output.done().isDone()) {
            return;
        }
        try {
            output.done().get(OUTPUT_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.warn("{}: its output did not end within {} s of its exit; the rest of it is dropped", name,
                    OUTPUT_WAIT.toSeconds());
            output.supersede();
            serviceLog.close();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Copying the output of " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the output of " + name, e);
        }
    }

    /**
     * Extracts the jar for class data sharing now if it has not been yet, so that {@link #start()} need not wait for
     * it; does nothing without class data sharing. The log file's directory must exist.
     */
    void prepareClassData() {
        if (classData != null) {
            classData.prepare(jvmOptions, logFile);
        }
    }

    /** How the last start used class data sharing ({@code OFF} before the first). */
    ClassDataSharing.Mode classDataMode() {
        ClassDataSharing.Launch current = launch;
        return current == null ? ClassDataSharing.Mode.OFF : current.mode();
    }

    /** The command of a start without class data sharing. */
    List<String> command() {
        return command(ClassDataSharing.Launch.off(jar, jvmOptions));
    }

    private List<String> command(ClassDataSharing.Launch launch) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(launch.jvmOptions());
        // the service exits once this launcher is gone, even killed (LauncherWatch)
        command.add("-D" + LauncherWatch.PROPERTY + "=" + ProcessHandle.current().pid());
        // the service.name of the lines LauncherWatch writes
        command.add("-D" + LauncherWatch.SERVICE_PROPERTY + "=" + name);
        // where its last words go once this launcher, which copies its output there, is gone
        command.add("-D" + LauncherWatch.LOG_PROPERTY + "=" + logFile);
        command.add("-jar");
        command.add(launch.jar().toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        return command;
    }

    private IllegalStateException failure(String message) {
        if (!isAlive()) {
            awaitOutput();
        }
        return new IllegalStateException(message + System.lineSeparator() + "--- last " + LOG_TAIL_LINES
                + " lines of " + logFile + " ---" + System.lineSeparator()
                + LogTail.lastLines(logFile, LOG_TAIL_LINES));
    }

    private static String status(String body) {
        if (body == null) {
            return null;
        }
        Matcher matcher = STATUS.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Waits up to {@code nanos} for the process to exit; true if it has. */
    static boolean awaitExit(Process current, long nanos) {
        try {
            return current.waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for pid " + current.pid(), e);
        }
    }

    /** The {@code java} this JVM runs on. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
