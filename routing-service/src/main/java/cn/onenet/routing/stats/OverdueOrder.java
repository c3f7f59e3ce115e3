package cn.onenet.routing.stats;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** An open order past a deadline, and by how much. */
public record OverdueOrder(OrderFacts order, OrderFacts.Lateness lateness) {

    /** Its place in the overdue list. */
    public Position position() {
        return new Position(lateness.due(), order.acceptedAt(), order.id());
    }

    /**
     * One page of overdue orders, most overdue first, how many there are in all, and where the next page starts
     * (null when none follows).
     */
    public record Page(List<OverdueOrder> content, long totalElements, Position next) {

        public Page {
            content = List.copyOf(content);
        }
    }

    /**
     * A place in the overdue list, which is most overdue first: the deadline passed earliest, then the order accepted
     * earliest (one without an acceptance last), then by id, so that orders late from the same moment keep theirs. A
     * page read from it continues with the orders after that one, wherever orders were resolved or fell late
     * meanwhile.
     */
    public record Position(Instant due, Instant acceptedAt, UUID id) {

        /** The list's order. */
        public static final Comparator<Position> ORDER = Comparator.comparing(Position::due)
            .thenComparing(Position::acceptedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Position::id);

        public Position {
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(id, "id");
        }
    }
}
