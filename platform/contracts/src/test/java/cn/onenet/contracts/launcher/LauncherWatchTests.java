package cn.onenet.contracts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

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
}
