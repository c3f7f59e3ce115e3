package cn.onenet.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SummaryCellsWorkerTests {

    final Cells cells = new Cells();
    final SummaryCellsWorker worker = new SummaryCellsWorker(cells, new StatsServiceTests.InMemoryOrders(List.of()),
            new CellSettings(true, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(1)),
            new SimpleMeterRegistry());

    @Test
    void letsItsLeaseGoWhenStoppedSoARestartCountsAtOnce() {
        worker.start();
        worker.round();
        worker.stop();

        assertThat(cells.leasedBy).isNotEmpty();
        assertThat(cells.releasedBy).containsExactly(cells.leasedBy.get(0));
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void marksEveryOrdersMinuteOnceBeforeTheCellsAreComplete() {
        worker.round();
        worker.round();

        assertThat(cells.everyOrderMarked).isEqualTo(1);
        assertThat(worker.complete()).isTrue();
    }

    /** Cells without any marks; remembers the lease's holders and the version completed. */
    static final class Cells implements SummaryCells {

        final List<String> leasedBy = new ArrayList<>();
        final List<String> releasedBy = new ArrayList<>();
        int everyOrderMarked;
        int complete;

        @Override
        public void changed(Collection<UUID> orderIds) {
        }

        @Override
        public long markEveryOrder() {
            everyOrderMarked++;
            return 0;
        }

        @Override
        public void mark(CellLevel level, Instant start) {
        }

        @Override
        public List<Mark> marked(CellLevel level, Instant after, int limit) {
            return List.of();
        }

        @Override
        public long markedCount() {
            return 0;
        }

        @Override
        public boolean clear(Mark mark) {
            return true;
        }

        @Override
        public void write(CellLevel level, Instant start, CellCounts counts) {
        }

        @Override
        public void read(CellLevel level, Instant from, Instant to, Consumer<CellCounts> sink) {
        }

        @Override
        public boolean lease(String owner, Duration length) {
            leasedBy.add(owner);
            return true;
        }

        @Override
        public void release(String owner) {
            releasedBy.add(owner);
        }

        @Override
        public int completeVersion() {
            return complete;
        }

        @Override
        public void complete(int version) {
            complete = version;
        }
    }
}
