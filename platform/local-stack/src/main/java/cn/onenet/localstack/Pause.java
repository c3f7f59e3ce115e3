package cn.onenet.localstack;

import java.time.Duration;

/** Waiting between polls. */
final class Pause {

    private Pause() {
    }

    /**
     * Waits for {@code duration}.
     *
     * @throws IllegalStateException if interrupted (the interrupt flag is restored)
     */
    static void briefly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
