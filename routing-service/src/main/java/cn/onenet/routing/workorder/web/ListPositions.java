package cn.onenet.routing.workorder.web;

import cn.onenet.contracts.Urgency;
import cn.onenet.routing.ListTokens;
import cn.onenet.routing.workorder.WorkOrderStore.Position;
import cn.onenet.routing.workorder.WorkOrderStore.QueuePosition;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in the order list or the triage queue as the API hands it out ({@code next}) and takes it back
 * ({@code after}): an opaque token ({@link ListTokens}).
 */
final class ListPositions {

    private ListPositions() {
    }

    static String token(Position position) {
        return ListTokens.token(ListTokens.part(position.acceptedAt()), position.id().toString());
    }

    /** The position {@code token} names; empty if it is not one {@link #token(Position)} made. */
    static Optional<Position> read(String token) {
        return ListTokens.read(token, 2,
                parts -> new Position(ListTokens.instant(parts.get(0)), UUID.fromString(parts.get(1))));
    }

    /** A place in the triage queue: its urgency group first, as the queue reads on from one group to the next. */
    static String token(QueuePosition position) {
        return ListTokens.token(position.group().name(), ListTokens.part(position.acceptedAt()),
                position.id().toString());
    }

    /** The place in the triage queue {@code token} names; empty if it is not one {@link #token(QueuePosition)} made. */
    static Optional<QueuePosition> readQueue(String token) {
        return ListTokens.read(token, 3, parts -> new QueuePosition(Urgency.valueOf(parts.get(0)),
                ListTokens.instant(parts.get(1)), UUID.fromString(parts.get(2))));
    }

}
