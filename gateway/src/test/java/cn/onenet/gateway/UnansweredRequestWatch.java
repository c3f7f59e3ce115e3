package cn.onenet.gateway;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Prints every thread's stack when a test's request to the gateway has had no answer for four seconds (a test client
 * gives up after five). The gateway runs in the test JVM, so the dump shows where the request waits.
 */
public final class UnansweredRequestWatch {

    private static final long PATIENCE_MILLIS = 4_000;

    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "unanswered-request-watch");
        thread.setDaemon(true);
        return thread;
    });

    public static final ExchangeFilterFunction FILTER = (request, next) -> {
        long sent = System.nanoTime();
        ScheduledFuture<?> dump = WATCH.schedule(() -> System.err.println(request.method() + " " + request.url()
                + " has had no answer for " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)
                + " ms; every thread:\n" + threadDump()), PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        return next.exchange(request).doFinally(signal -> dump.cancel(false));
    };

    private UnansweredRequestWatch() {
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        return dump.toString();
    }
}
