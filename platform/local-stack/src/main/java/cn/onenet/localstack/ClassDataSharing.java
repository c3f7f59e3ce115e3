package cn.onenet.localstack;

import cn.onenet.contracts.launcher.EcsLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class data sharing (AppCDS) for one service's JVM: the classes it loaded in one run are written to an archive when
 * it stops, and its next start maps them from that archive instead of reading, parsing and verifying them again.
 * <p>
 * The JVM archives only classes loaded from plain jars on the class path, not from the jars nested in a Spring Boot
 * jar, so the service runs from a copy extracted with Spring Boot's own tool ({@code java -Djarmode=tools -jar
 * <service>.jar extract}): {@code <root>/<service>/<key>/app/<service>.jar} with its libraries beside it in
 * {@code lib/}. The key stands for the jar (path, size, time) and the JVM (its home and version), so a rebuilt jar or
 * another JDK gets a copy and an archive of its own; the copies of other keys are removed. A run that finds no archive
 * records one ({@code -XX:ArchiveClassesAtExit}) into a file that is kept only once the service has stopped on
 * SIGTERM, so a killed service leaves no half-written archive to be used. Recording needs the JDK's own base archive
 * to be usable with the service's options (asked once per set of options: {@code java <options> -Xshare:on
 * -version}), or the JVM would not start at all. Anything that fails here leaves the service to start from its jar as
 * it is. An archive the JVM cannot use with the options it is given (a heap over 32 GB, say, which turns compressed
 * pointers off) is passed over by the JVM itself; deleting {@code <root>} records anew.
 * Two suites must not share a root while both start.
 */
final class ClassDataSharing {

    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);

    static final String USE_ARCHIVE = "-XX:SharedArchiveFile=";
    static final String RECORD_ARCHIVE = "-XX:ArchiveClassesAtExit=";
    /** The JVM lists every class it could not archive as a warning; errors still show. */
    static final String QUIET = "-Xlog:cds=error,cds+dynamic=error";
    private static final Duration EXTRACT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    /** How a start uses its archive. */
    enum Mode {
        /** from the jar as it is, no archive */
        OFF,
        /** from the extracted copy, writing an archive when it stops */
        RECORD,
        /** from the extracted copy and the archive of an earlier run */
        SHARE
    }

    /** What one start runs: the jar, the JVM options and what becomes of the archive. */
    record Launch(Path jar, List<String> jvmOptions, Mode mode, Path recording, Path archive) {

        static Launch off(Path jar, List<String> jvmOptions) {
            return new Launch(jar, jvmOptions, Mode.OFF, null, null);
        }
    }

    private final String service;
    private final Path jar;
    private final Path serviceDir;
    /** Set once preparing failed: later starts of this process run the jar as it is, without trying again. */
    private volatile boolean unavailable;
    /**
     * Whether the JVM maps its own base archive with a service's options (a recording needs it), by the question's
     * command: the services of a suite share their options, so one answer serves them all.
     */
    private static final Map<List<String>, Boolean> BASE_ARCHIVE_USABLE = new ConcurrentHashMap<>();

    /**
     * @param root    holds a directory per service
     * @param service the service's name
     * @param jar     the service's Spring Boot jar
     */
    ClassDataSharing(Path root, String service, Path jar) {
        this.service = Objects.requireNonNull(service, "service");
        this.jar = Objects.requireNonNull(jar, "jar").toAbsolutePath().normalize();
        this.serviceDir = Objects.requireNonNull(root, "root").toAbsolutePath().normalize().resolve(service);
    }

    /**
     * Extracts the jar if this key has no copy yet and picks the archive options. Output of the extraction is
     * appended to {@code logFile}. After a failure it answers {@link Mode#OFF} at once.
     */
    Launch prepare(List<String> jvmOptions, Path logFile) {
        if (unavailable || jvmOptions.contains("-Xshare:off") || jvmOptions.stream()
                .anyMatch(option -> option.startsWith(USE_ARCHIVE) || option.startsWith(RECORD_ARCHIVE))) {
            return Launch.off(jar, jvmOptions);
        }
        try {
            Path keyDir = serviceDir.resolve(key());
            Path app = keyDir.resolve("app");
            Path appJar = app.resolve(jar.getFileName());
            if (!Files.isRegularFile(appJar)) {
                removeOtherKeys(keyDir);
                extract(keyDir, app, logFile);
            }
            Path archive = keyDir.resolve(service + ".jsa");
            Path recording = keyDir.resolve(service + ".recording.jsa");
            List<String> options = new ArrayList<>(jvmOptions);
            options.add(QUIET);
            if (Files.isRegularFile(archive)) {
                options.add(USE_ARCHIVE + archive);
                return new Launch(appJar, List.copyOf(options), Mode.SHARE, null, archive);
            }
            if (!baseArchiveUsable(jvmOptions)) {
                // without it the JVM refuses to start at all with a recording option
                throw new IOException("this JVM has no class data archive of its own that it can use with the options "
                        + jvmOptions + " (java -Xshare:on -version fails), so it cannot record one for the service");
            }
            Files.deleteIfExists(recording);
            options.add(RECORD_ARCHIVE + recording);
            return new Launch(appJar, List.copyOf(options), Mode.RECORD, recording, archive);
        } catch (IOException | UncheckedIOException e) {
            unavailable = true;
            log.warn("{}: no class data sharing, starting from {} as it is: {}", service, jar, e.toString());
            return Launch.off(jar, jvmOptions);
        }
    }

    /**
     * After the service has exited on SIGTERM: keeps the archive its JVM wrote at exit, for the next start. Not
     * called after a kill, so a recording cut short is never used (the next start deletes it).
     */
    void keepRecording(Launch launch) {
        if (launch.mode() != Mode.RECORD) {
            return;
        }
        try {
            if (Files.isRegularFile(launch.recording()) && Files.size(launch.recording()) > 0) {
                Files.move(launch.recording(), launch.archive(), StandardCopyOption.ATOMIC_MOVE);
                log.debug("{}: class data archive {} kept for the next start", service, launch.archive());
            }
        } catch (IOException e) {
            log.warn("{}: cannot keep the class data archive {}: {}", service, launch.recording(), e.toString());
        }
    }

    /**
     * Whether the JVM maps its base archive (the JDK's own classes, {@code lib/server/classes.jsa}) with these options:
     * a JDK built without one, or options it doesn't fit (no compressed class pointers, say), make a JVM asked to
     * record a dynamic archive fail to start. Asked once per set of options ({@code java <options>
     * -Xlog:cds=error,… -Xshare:on -version}, some 60 ms; the suite's services share theirs); an archive is only ever
     * used by the JDK that recorded it, so this answers for its use too.
     */
    private static boolean baseArchiveUsable(List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.javaExecutable());
        // what a service logs, and sharing options, are no business of the probe
        jvmOptions.stream()
                .filter(option -> !option.startsWith("-Xlog") && !option.startsWith("-Xshare"))
                .forEach(command::add);
        // and the logging option this class adds, so that a JDK that doesn't know its tags never meets it
        command.add(QUIET);
        command.add("-Xshare:on");
        command.add("-version");
        Boolean known = BASE_ARCHIVE_USABLE.get(command);
        if (known != null) {
            return known;
        }
        boolean usable = exitCode(command, ProcessBuilder.Redirect.DISCARD, PROBE_TIMEOUT) == 0;
        BASE_ARCHIVE_USABLE.put(List.copyOf(command), usable);
        return usable;
    }

    /** Stands for the jar and the JVM that runs it: 16 hex digits of a SHA-256. */
    String key() throws IOException {
        String identity = String.join("|", jar.toString(), Long.toString(Files.size(jar)),
                Long.toString(Files.getLastModifiedTime(jar).toMillis()),
                System.getProperty("java.home"), System.getProperty("java.vm.version"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private void extract(Path keyDir, Path app, Path logFile) throws IOException {
        Files.createDirectories(keyDir);
        Path staging = keyDir.resolve("extracting");
        deleteTree(staging);
        List<String> command = List.of(ServiceProcess.javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", staging.toString());
        Path output = keyDir.resolve("extracting.out");
        int exitCode;
        try {
            exitCode = exitCode(command, ProcessBuilder.Redirect.to(output.toFile()), EXTRACT_TIMEOUT);
        } finally {
            copyToLog(output, logFile);
        }
        if (exitCode != 0 || !Files.isRegularFile(staging.resolve(jar.getFileName()))) {
            deleteTree(staging);
            throw new IOException("extracting " + jar + " failed (exit code " + exitCode + ", see " + logFile + ")");
        }
        Files.move(staging, app, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Appends what the extraction printed, if anything, to the service's log as JSON lines like the service's. */
    private void copyToLog(Path output, Path logFile) throws IOException {
        if (!Files.isRegularFile(output)) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (String line : new String(Files.readAllBytes(output), StandardCharsets.UTF_8).lines().toList()) {
            if (!line.isBlank()) {
                lines.append(EcsLine.of(Instant.now(), "INFO", ClassDataSharing.class.getName(), service,
                        "Extracting " + jar.getFileName() + ": " + line)).append(System.lineSeparator());
            }
        }
        Files.delete(output);
        Files.writeString(logFile, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Runs a JVM of its own to its end, its output (and errors) to {@code output}; killed after {@code timeout}. */
    private static int exitCode(List<String> command, ProcessBuilder.Redirect output, Duration timeout)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        process.getOutputStream().close();
        if (!ServiceProcess.awaitExit(process, timeout.toNanos())) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took longer than " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    private void removeOtherKeys(Path keyDir) throws IOException {
        if (!Files.isDirectory(serviceDir)) {
            return;
        }
        try (Stream<Path> keys = Files.list(serviceDir)) {
            for (Path other : keys.filter(dir -> !dir.equals(keyDir)).toList()) {
                deleteTree(other);
            }
        }
    }

    /** Deletes {@code dir} and everything under it; nothing if it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
