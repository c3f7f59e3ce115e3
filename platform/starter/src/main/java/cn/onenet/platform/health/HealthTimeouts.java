package cn.onenet.platform.health;

import java.time.Duration;

/** How a health check's bound is written in its DOWN detail: {@code 2 s}, {@code 500 ms}. */
final class HealthTimeouts {

    static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private HealthTimeouts() {
    }
}
