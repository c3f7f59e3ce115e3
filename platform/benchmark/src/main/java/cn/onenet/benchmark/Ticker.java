package cn.onenet.benchmark;

import java.util.concurrent.locks.LockSupport;

/** The scheduler's clock: monotonic nanoseconds and a way to wait for a point in time (a fake one in tests). */
interface Ticker {

    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadline} (at once if it has already). */
    void sleepUntil(long deadline) throws InterruptedException;

    /** The real clock: parks for most of the wait, spins for the last 50 µs. */
    Ticker SYSTEM = new Ticker() {

        private static final long SPIN_NANOS = 50_000;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (remaining > SPIN_NANOS) {
                    LockSupport.parkNanos(remaining - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    };
}
