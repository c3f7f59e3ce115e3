package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OpenLoopSchedulerTests {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final FakeTicker ticker = new FakeTicker();

    /** Answers every request {@code serviceNanos} after it was sent; request {@code stallAt}'s send blocks. */
    private RequestSender sender(long serviceNanos, long stallAt, long stallNanos) {
        return sequence -> {
            if (sequence == stallAt) {
                ticker.stall(stallNanos);
            }
            CompletableFuture<Outcome> answer = new CompletableFuture<>();
            ticker.at(ticker.nanoTime() + serviceNanos, () -> answer.complete(Outcome.accepted("id-" + sequence)));
            return answer;
        };
    }

    @Test
    void chargesAStallToEveryRequestItDelayedMeasuringFromTheIntendedSendTime() throws Exception {
        // 1,000/s for 1 s, each answered in 1 ms; sending request 100 blocks for 200 ms
        RunRecorder recorder = new RunRecorder("test", 0, 1);
        OpenLoopScheduler scheduler = new OpenLoopScheduler(ticker, sender(MS, 100, 200 * MS), 10_000);

        scheduler.run(0, 1000, 1000, recorder);
        assertThat(scheduler.awaitOutstanding(ticker.nanoTime() + SECOND)).isTrue();

        assertThat(recorder.accepted()).isEqualTo(1000);
        var latency = recorder.acceptHistogram();
        // request 100 took 201 ms; 101 was due at 101 ms but could only leave at 300 ms: 200 ms, and so on down
        assertThat(latency.getMaxValue()).isBetween(200_000L, 202_000L);
        // the 200 requests due during the stall (100..299) are charged for it, the 800 others are not
        assertThat(latency.getCountBetweenValues(1_500, 250_000)).isEqualTo(200);
        assertThat(latency.getValueAtPercentile(50)).isBetween(1_000L, 1_001L);
        assertThat(latency.getValueAtPercentile(90)).isBetween(100_000L, 120_000L);
        // measured from the actual send, the same run would look flawless: the stall shows as send lateness
        assertThat(recorder.sendLatenessHistogram().getMaxValue()).isBetween(199_000L, 200_100L);
    }

    @Test
    void slowAnswersDoNotSlowTheSchedule() throws Exception {
        RunRecorder recorder = new RunRecorder("test", 0, 2);
        OpenLoopScheduler scheduler = new OpenLoopScheduler(ticker, sender(SECOND, -1, 0), 10_000);

        scheduler.run(0, 100, 200, recorder);

        // the last request went out at its intended time although none of the first 100 had been answered yet
        assertThat(ticker.nanoTime()).isEqualTo(OpenLoopScheduler.intendedTime(0, 100, 199));
        assertThat(recorder.sendLatenessHistogram().getMaxValue()).isZero();
        assertThat(scheduler.awaitOutstanding(ticker.nanoTime() + 5 * SECOND)).isTrue();
        assertThat(recorder.accepted()).isEqualTo(200);
        assertThat(recorder.acceptHistogram().getMinValue()).isBetween(999_000L, 1_001_000L);
        assertThat(recorder.acceptHistogram().getMaxValue()).isBetween(999_000L, 1_001_000L);
    }

    @Test
    void countsRequestsBeyondTheOutstandingCapAsClientSaturatedInsteadOfWaiting() throws Exception {
        // 100/s, answers take 1 s, at most 10 in flight: 10 leave in each second, 90 are refused
        RunRecorder recorder = new RunRecorder("test", 0, 2);
        OpenLoopScheduler scheduler = new OpenLoopScheduler(ticker, sender(SECOND, -1, 0), 10);

        scheduler.run(0, 100, 200, recorder);
        scheduler.awaitOutstanding(ticker.nanoTime() + 5 * SECOND);

        assertThat(ticker.nanoTime()).isGreaterThanOrEqualTo(OpenLoopScheduler.intendedTime(0, 100, 199));
        assertThat(recorder.sent()).isEqualTo(20);
        assertThat(recorder.scheduled()).isEqualTo(200);
        assertThat(recorder.errors()).containsEntry(Outcome.CLIENT_SATURATED, 180L);
        assertThat(recorder.accepted()).isEqualTo(20);
        assertThat(recorder.errorsInSecond(0)).isEqualTo(90);
        assertThat(recorder.errorsInSecond(1)).isEqualTo(90);
    }

    @Test
    void keepsTheWarmUpOutOfTheHistograms() throws Exception {
        long measureStart = OpenLoopScheduler.intendedTime(0, 100, 50);
        RunRecorder recorder = new RunRecorder("test", measureStart, 1);
        OpenLoopScheduler scheduler = new OpenLoopScheduler(ticker, sender(5 * MS, -1, 0), 100);

        scheduler.run(0, 100, 150, recorder);
        scheduler.awaitOutstanding(ticker.nanoTime() + SECOND);

        assertThat(recorder.warmupSent()).isEqualTo(50);
        assertThat(recorder.warmupAccepted()).isEqualTo(50);
        assertThat(recorder.scheduled()).isEqualTo(100);
        assertThat(recorder.acceptHistogram().getTotalCount()).isEqualTo(100);
        assertThat(recorder.warmupErrors()).isEmpty();
    }

    @Test
    void recordsErrorsByStatusAndByClientErrorKind() throws Exception {
        RunRecorder recorder = new RunRecorder("test", 0, 1);
        RequestSender sender = sequence -> switch ((int) (sequence % 4)) {
            case 0 -> CompletableFuture.completedFuture(Outcome.accepted("id-" + sequence));
            case 1 -> CompletableFuture.completedFuture(Outcome.http(503));
            case 2 -> CompletableFuture.failedFuture(new CompletionException(new HttpTimeoutException("slow")));
            default -> throw new IllegalStateException("boom");
        };
        OpenLoopScheduler scheduler = new OpenLoopScheduler(ticker, sender, 100);

        scheduler.run(0, 100, 8, recorder);

        assertThat(recorder.accepted()).isEqualTo(2);
        assertThat(recorder.errors()).containsEntry("http-503", 2L).containsEntry("timeout", 2L)
                .containsEntry("other:IllegalStateException", 2L);
        assertThat(recorder.statuses()).containsEntry("202", 2L).containsEntry("503", 2L);
    }

    @Test
    void namesClientFailuresBriefly() {
        assertThat(OpenLoopScheduler.errorKind(new CompletionException(new ConnectException("refused"))))
                .isEqualTo("connect-refused");
        assertThat(OpenLoopScheduler.errorKind(new IOException("Connection reset"))).isEqualTo("connection-closed");
        assertThat(OpenLoopScheduler.errorKind(new IOException("odd"))).isEqualTo("io-error");
    }
}
