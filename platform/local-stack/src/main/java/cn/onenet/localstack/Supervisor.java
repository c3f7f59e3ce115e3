package cn.onenet.localstack;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The launcher's watch over one service: a service that exits while the suite runs (killed, out of memory, crashed) is
 * started again with the same command line, after a pause that doubles with each crash that follows its start
 * closely (1 s, 2 s, 4 s … at most 30 s); one that ran healthy for a minute starts counting afresh. A service that
 * crashes again and again (the seventh time in a row, after six restarts) is left stopped and said so: something it
 * needs is wrong, and restarting it further only fills its log. Each restart and its outcome are reported (the
 * launcher's console) and written into the service's log as JSON lines like the service's own.
 * <p>
 * Only the launcher ({@code ./run.sh}) supervises: a {@link Suite} on its own (the tests, the ledger fault test that
 * kills and restarts services itself) restarts nothing.
 */
final class Supervisor {

    /**
     * How restarts are paced.
     *
     * @param firstDelay       the pause before the first restart after a crash
     * @param maxDelay         the longest pause, however many crashes came before
     * @param stableAfter      how long a restarted service must run healthy for its next crash to count afresh
     * @param maxQuickRestarts how many restarts in a row, each crashing before it ran {@code stableAfter}, before the
     *                         service is left stopped
     * @param healthTimeout    how long a restarted service may take to become healthy
     */
    record Policy(Duration firstDelay, Duration maxDelay, Duration stableAfter, int maxQuickRestarts,
            Duration healthTimeout) {

        static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 6, Suite.HEALTH_TIMEOUT);

        /** The pause before restart {@code attempt} (1 for the first after a crash that followed a healthy run). */
        Duration delay(int attempt) {
            long millis = firstDelay.toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
        }
    }

    private static final int LOG_TAIL_LINES = 15;

    private final ServiceProcess service;
    private final Policy policy;
    private final BooleanSupplier running;
    private final Predicate<ServiceProcess> startAgain;
    private final Consumer<String> report;
    /** Everything below happens on its one thread. */
    private final ScheduledExecutorService thread;

    /** Crashes in a row, each before the service ran healthy for {@code stableAfter}. */
    private int quickCrashes;
    /** When the current process was found healthy; -1 while it is not known to be. */
    private long healthySince = -1;

    /**
     * @param running    false once the suite stops: a service exiting then is not restarted
     * @param startAgain starts the service again; false (starting nothing) once the suite is stopping
     * @param report     one line (or a few) for the operator
     */
    Supervisor(ServiceProcess service, Policy policy, BooleanSupplier running, Predicate<ServiceProcess> startAgain,
            Consumer<String> report) {
        this.service = service;
        this.policy = policy;
        this.running = running;
        this.startAgain = startAgain;
        this.report = report;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "supervise-" + service.name());
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /** Starts watching the service, which has been started and found healthy. */
    void watch() {
        thread.execute(() -> {
            healthySince = System.nanoTime();
            followCurrentProcess();
        });
    }

    /** Stops watching: a restart not begun yet is not begun. */
    void stop() {
        thread.shutdownNow();
    }

    private void followCurrentProcess() {
        service.onExit().thenAccept(process -> {
            try {
                thread.execute(() -> exited(process.exitValue()));
            } catch (RejectedExecutionException stopped) {
                // no longer watched
            }
        });
    }

    private void exited(int exitCode) {
        if (!running.getAsBoolean()) {
            return;
        }
        long exitedAt = System.nanoTime();
        if (healthySince >= 0 && exitedAt - healthySince >= policy.stableAfter().toNanos()) {
            quickCrashes = 0;
        }
        quickCrashes++;
        healthySince = -1;
        String exit = service.name() + " exited unexpectedly (exit code " + exitCode + ")";
        String lastLines = " Last lines of " + service.logFile() + ":" + System.lineSeparator()
                + LogTail.lastLines(service.logFile(), LOG_TAIL_LINES);
        if (quickCrashes > policy.maxQuickRestarts()) {
            String given = exit + ", " + quickCrashes + " times in a row, each within "
                    + seconds(policy.stableAfter()) + " of its start; left stopped after " + policy.maxQuickRestarts()
                    + " restarts (the rest keeps running). Fix the cause, then restart the suite (Ctrl-C, ./run.sh).";
            logQuietly("ERROR", given);
            report.accept("!! " + given + lastLines);
            return;
        }
        int attempt = quickCrashes;
        Duration delay = policy.delay(attempt);
        String restarting = exit + "; restarting it in " + seconds(delay) + " (attempt " + attempt + " of "
                + policy.maxQuickRestarts() + ")";
        logQuietly("WARN", restarting);
        report.accept("!! " + restarting + "." + lastLines);
        thread.schedule(() -> restart(attempt, exitedAt), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void restart(int attempt, long exitedAt) {
        if (!running.getAsBoolean()) {
            return;
        }
        try {
            if (!startAgain.test(service)) {
                return;
            }
        } catch (RuntimeException e) {
            String failed = "Cannot restart " + service.name() + ": " + e.getMessage() + "; left stopped";
            logQuietly("ERROR", failed);
            report.accept("!! " + failed);
            return;
        }
        followCurrentProcess();
        try {
            service.awaitHealthy(policy.healthTimeout());
        } catch (IllegalStateException e) {
            if (service.isAlive() && running.getAsBoolean()) {
                String unhealthy = service.name() + " did not become healthy within " + seconds(policy.healthTimeout())
                        + " of its restart (attempt " + attempt + "); it keeps running, not restarted again unless it"
                        + " exits";
                logQuietly("ERROR", unhealthy);
                report.accept("!! " + unhealthy + ". See " + service.logFile());
            }
            // a process that exited again is reported by exited()
            return;
        }
        healthySince = System.nanoTime();
        String healthy = String.format(Locale.ROOT, "%s is healthy again after %s (pid %d, attempt %d)",
                service.name(), seconds(Duration.ofNanos(healthySince - exitedAt)), service.pid(), attempt);
        logQuietly("INFO", healthy);
        report.accept(healthy);
    }

    private void logQuietly(String level, String message) {
        try {
            service.appendToLog(level, message);
        } catch (RuntimeException e) {
            // the console has it
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
