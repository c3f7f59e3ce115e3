package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DispatchMatcherTests {

    private static final long MS = 1_000_000L;

    private final DispatchMatcher matcher = new DispatchMatcher(1000);
    private final RunRecorder run = new RunRecorder("test", 0, 1);

    @Test
    void measuresFromThe202ToTheDispatchedEvent() {
        matcher.accepted(run, "a", 0, 5 * MS, true);
        matcher.seen("a", DispatchFollower.DISPATCHED, 45 * MS);

        assertThat(run.dispatchedCount()).isEqualTo(1);
        assertThat(run.awaitingDispatch()).isZero();
        assertThat(run.acceptToDispatchedHistogram().getMaxValue()).isBetween(39_950L, 40_050L);
        assertThat(run.submitToDispatchedHistogram().getMaxValue()).isBetween(44_950L, 45_050L);
    }

    @Test
    void countsAnEventThatOvertookIts202Once() {
        matcher.seen("b", DispatchFollower.DISPATCHED, 4 * MS);
        matcher.accepted(run, "b", 0, 5 * MS, true);
        matcher.seen("b", DispatchFollower.DISPATCHED, 9 * MS);

        assertThat(run.dispatchedCount()).isEqualTo(1);
        assertThat(run.dispatchSeenBefore202()).isEqualTo(1);
        assertThat(run.awaitingDispatch()).isZero();
    }

    @Test
    void countsTriagedAndNeverArrivedApart() {
        matcher.accepted(run, "c", 0, MS, true);
        matcher.accepted(run, "d", 0, MS, true);
        matcher.accepted(run, "warm-up", 0, MS, false);
        matcher.seen("c", DispatchFollower.TRIAGED, 3 * MS);

        assertThat(run.triagedCount()).isEqualTo(1);
        assertThat(matcher.abandon(run)).isEqualTo(1);
        assertThat(run.followed()).isEqualTo(2);
    }
}
