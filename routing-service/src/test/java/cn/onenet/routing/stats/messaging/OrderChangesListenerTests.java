package cn.onenet.routing.stats.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.onenet.contracts.Topics;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.stats.CellCounts;
import cn.onenet.routing.stats.CellLevel;
import cn.onenet.routing.stats.SummaryCells;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

class OrderChangesListenerTests {

    final List<UUID> marked = new ArrayList<>();
    final OrderChangesListener listener = new OrderChangesListener(new MarksOnly(marked));

    @Test
    void marksTheOrdersOfStepsThatChangeACountAndNotOfThoseThatChangeNone() {
        UUID dispatched = UUID.randomUUID();
        UUID escalated = UUID.randomUUID();
        UUID resolved = UUID.randomUUID();
        UUID followedUp = UUID.randomUUID();

        listener.on(List.of(record(dispatched, "cn.onenet.request.dispatched.v1", 0),
                record(escalated, "cn.onenet.request.escalated.v1", 1),
                record(escalated, "cn.onenet.request.started.v1", 2),
                record(escalated, "cn.onenet.request.extension-requested.v1", 3),
                record(resolved, "cn.onenet.request.resolved.v1", 4),
                record(resolved, "cn.onenet.request.unheard-of.v1", 5),
                // the requester asking after it makes it a 催办件, which the summary counts
                record(followedUp, "cn.onenet.request.followed-up.v1", 6)));

        assertThat(marked).containsExactly(dispatched, resolved, resolved, followedUp);
    }

    @Test
    void marksWhatCameBeforeARecordWithoutAnOrdersIdAndSendsThatOneToTheDeadLetters() {
        UUID before = UUID.randomUUID();

        assertThatThrownBy(() -> listener.on(List.of(record(before, "cn.onenet.request.received.v1", 0),
                new ConsumerRecord<>(Topics.REQUESTS_LIFECYCLE, 0, 1, "not-an-id", new byte[0]),
                record(UUID.randomUUID(), "cn.onenet.request.received.v1", 2))))
            .isInstanceOfSatisfying(BatchListenerFailedException.class,
                    failed -> assertThat(failed.getIndex()).isEqualTo(1));
        assertThat(marked).containsExactly(before);
    }

    private static ConsumerRecord<String, byte[]> record(UUID order, String type, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventCodec.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(Topics.REQUESTS_LIFECYCLE, 0, offset, 0L, null, 0, 0, order.toString(),
                "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    /** Records the orders marked; nothing else is called. */
    record MarksOnly(List<UUID> marked) implements SummaryCells {

        @Override
        public void changed(Collection<UUID> orderIds) {
            marked.addAll(orderIds);
        }

        @Override
        public long markEveryOrder() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void mark(CellLevel level, Instant start) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Mark> marked(CellLevel level, Instant after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long markedCount() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean clear(Mark mark) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(CellLevel level, Instant start, CellCounts counts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void read(CellLevel level, Instant from, Instant to, Consumer<CellCounts> sink) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean lease(String owner, Duration length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(String owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int completeVersion() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete(int version) {
            throw new UnsupportedOperationException();
        }
    }
}
