package cn.onenet.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DispatchFollowerTests {

    private static final long MS = 1_000_000L;
    private static final long READ_NANOS = 9_000 * MS;
    private static final long READ_MILLIS = 1_764_547_200_000L;

    @Test
    void datesAnEventAtItsPublicationNotAtItsBatchedRead() {
        long published = DispatchFollower.publishedNanos(READ_MILLIS - 85, READ_NANOS, READ_MILLIS);

        assertThat(READ_NANOS - published).isEqualTo(85 * MS);
    }

    @Test
    void datesAnEventWithoutATimestampWhenItWasRead() {
        assertThat(DispatchFollower.publishedNanos(ConsumerRecord.NO_TIMESTAMP, READ_NANOS, READ_MILLIS))
            .isEqualTo(READ_NANOS);
    }

    @Test
    void neverDatesAnEventAfterItWasRead() {
        // routing's clock ahead of the benchmark's
        assertThat(DispatchFollower.publishedNanos(READ_MILLIS + 40, READ_NANOS, READ_MILLIS)).isEqualTo(READ_NANOS);
    }
}
