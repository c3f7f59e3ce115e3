package cn.onenet.contracts.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Ends a service when the launcher that started it is gone. The launcher stops its services itself when it stops
 * (Ctrl-C, SIGTERM); killed with {@code kill -9}, or ended by an {@code OutOfMemoryError}, it can't, and its
 * services lived on with their ports taken, so that the next {@code ./run.sh} failed on them. The launcher names its
 * process in the system property {@value #PROPERTY} of each service; a service that finds it there exits, through
 * its shutdown hooks, once that process has ended.
 * <p>
 * Those hooks get {@link #GRACE} and no more. The broker and the store lived in the launcher too, so a service's
 * graceful stop waited for them in vain: routing took 13 s to leave its Kafka consumers and producer, and its port
 * stayed taken as long. Past the grace the process halts; what a hook still waits for is gone anyway.
 */
public final class LauncherWatch {

    /** The system property naming the launcher's process id. */
    public static final String PROPERTY = "onenet.launcher-pid";
    /** The system property naming the service, as the launcher knows it: the {@code service.name} of its lines. */
    public static final String SERVICE_PROPERTY = "onenet.launcher-service";
    /** The service's log file: its output reaches it through the launcher, and straight once the launcher is gone. */
    public static final String LOG_PROPERTY = "onenet.launcher-log";
    /** How long a service's shutdown hooks may run once its launcher is gone. */
    static final Duration GRACE = Duration.ofSeconds(4);

    private LauncherWatch() {
    }

    /** Watches the launcher the system property names, if any (a service started on its own has none). */
    public static void start() {
        String launcher = System.getProperty(PROPERTY);
        watch(launcher, stopping(() -> {
            writeStraightTo(System.getProperty(LOG_PROPERTY));
            System.err.println(line("WARN", "The launcher (pid " + launcher + ") is gone: stopping"));
            System.exit(1);
        }, () -> {
            System.err.println(line("WARN", "The shutdown hooks took longer than " + GRACE.toSeconds()
                    + " s: halting"));
            Runtime.getRuntime().halt(1);
        }, GRACE));
    }

    /**
     * A line for the service's log (its standard error goes there): a JSON object like the service's own lines,
     * which this is written beside, when its logging may have stopped.
     */
    static String line(String level, String message) {
        return EcsLine.of(Instant.now(), level, LauncherWatch.class.getName(), System.getProperty(SERVICE_PROPERTY),
                message);
    }

    /**
     * Sends this process's standard output and error straight to the end of {@code logFile}, when one is named: the
     * launcher copied them there through a pipe, and with it gone what the service says while it stops (the line
     * above, its shutdown) would go nowhere. Logback's console appender writes to whatever {@code System.out} is at
     * each line. Answers whether they now go there.
     */
    static boolean writeStraightTo(String logFile) {
        if (logFile == null || logFile.isBlank()) {
            return false;
        }
        try {
            PrintStream file = new PrintStream(new FileOutputStream(logFile, true), true, StandardCharsets.UTF_8);
            System.setOut(file);
            System.setErr(file);
            return true;
        }
        catch (IOException | SecurityException cannot) {
            return false;
        }
    }

    /** Runs {@code exit}, and {@code halt} after {@code grace} (from a daemon thread) if the process still runs. */
    static Runnable stopping(Runnable exit, Runnable halt, Duration grace) {
        return () -> {
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(grace.toMillis());
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                halt.run();
            }, "launcher-gone-halt");
            halter.setDaemon(true);
            halter.start();
            exit.run();
        };
    }

    /**
     * Runs {@code exit} once the process {@code pid} has ended, or at once if it has already; nothing if
     * {@code pid} is null, blank or not a number.
     *
     * @return whether a process is watched (or was found gone)
     */
    static boolean watch(String pid, Runnable exit) {
        if (pid == null || pid.isBlank()) {
            return false;
        }
        long id;
        try {
            id = Long.parseLong(pid.trim());
        }
        catch (NumberFormatException notAPid) {
            System.err.println(line("WARN", "Ignoring " + PROPERTY + "=" + pid + ": not a process id"));
            return false;
        }
        Optional<ProcessHandle> launcher = ProcessHandle.of(id).filter(ProcessHandle::isAlive);
        if (launcher.isEmpty()) {
            exit.run();
        }
        else {
            launcher.get().onExit().thenRun(exit);
        }
        return true;
    }
}
