package cn.onenet.routing.workorder;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Urgency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where work orders are kept. An order and the lifecycle events of its latest change are written together in
 * one atomic write, so an event can't be lost between the database and the broker (see {@link OutboxStore}).
 */
public interface WorkOrderStore {

    /** Stores a new order with its pending events; false (and nothing written) when the id exists already. */
    default boolean insert(WorkOrder order) {
        return insert(order, null).isPresent();
    }

    /**
     * Stores a new order with its pending events, held under {@code lease} from the start when one is given (null:
     * free for any relay to claim); answers the events as stored, or empty (and nothing written) when the id exists
     * already.
     */
    Optional<List<OutboxStore.PendingEvent>> insert(WorkOrder order, OutboxStore.Lease lease);

    Optional<WorkOrder> find(UUID id);

    Optional<WorkOrder> findByTrackingNumber(String trackingNumber);

    /**
     * Stores the order's changes and pending events if no one changed it since it was loaded, and moves the order's
     * version on ({@link WorkOrder#stored}).
     *
     * @throws ConcurrentChange otherwise
     */
    void update(WorkOrder order);

    /**
     * Marks the order changed (its version moves on; not the one callers see, {@link WorkOrder.State#revision}) if it
     * is still as read, changing nothing else: a step that relies on another order as read holds it so, and whoever
     * changes that order meanwhile — or relied on it too — finds it changed and tries again.
     *
     * @throws ConcurrentChange if it changed since it was read
     */
    void hold(WorkOrder.State order);

    /**
     * A page of the orders {@code filter} matches, newest first (then by id): page {@code page}, or, when
     * {@code after} is given, the {@code size} orders that follow that position; with the position after it.
     */
    Page search(Filter filter, Position after, int page, int size);

    /**
     * Ids of the orders due to climb the supervision ladder at {@code now} (and of running orders not yet scheduled
     * under the current escalation settings), in id order after {@code after} (null: from the start).
     */
    List<UUID> dueForEscalation(java.time.Instant now, UUID after, int limit);

    /** Stores when the order, unchanged, is next due for escalation (nothing if it changed since it was loaded). */
    void rescheduleEscalation(WorkOrder order);

    /**
     * Open orders (not closed, rejected or merged) accepted since {@code since}, in no particular order, handed to
     * {@code sink} one by one with only what duplicate detection compares (a day's orders never sit in memory whole).
     */
    void openOrdersSince(java.time.Instant since, java.util.function.Consumer<DuplicateFacts> sink);

    /** What duplicate detection keeps of an order. */
    record DuplicateFacts(UUID id, String trackingNumber, String community, String category, String title,
            String description, java.time.Instant acceptedAt) {
    }

    /** Ids of the orders merged into {@code originalId}. */
    List<UUID> mergedInto(UUID originalId);

    /** Orders a dispatcher may still merge that have likely duplicates, newest first. */
    Page withDuplicateCandidates(int page, int size);

    /** Which of {@code ids} are orders still open (not closed, rejected or merged): ones another may be merged into. */
    Set<UUID> openAmong(java.util.Collection<UUID> ids);

    /**
     * Orders in any of {@code statuses}: emergencies first, then urgent ones, then the others; each oldest first,
     * then by id. Page {@code page}, or, when {@code after} is given, the {@code size} orders that follow that
     * position; with the position after the page.
     */
    QueuePage queue(Set<RequestStatus> statuses, QueuePosition after, int page, int size);

    /**
     * Orders whose department's extension request waits for a supervisor's decision (in a status where it counts,
     * {@link WorkOrder#EXTENDABLE}), the longest-waiting request first.
     */
    Page extensionRequests(int page, int size);

    /**
     * Any combination of criteria; {@code null} (no status: empty) means any. An order in any of
     * {@code statuses} matches; {@code department} is the lead department (the one holding the order now);
     * {@code assignedTo} a department that leads the order or assists it (a co-department); {@code dispatchedTo} the
     * department the order was last handed to ({@link WorkOrder#dispatchedTo}: holding it now or not, the summary's
     * department); {@code dispatched} whether it was ever handed to one ({@code false}: the summary's row of the
     * orders never dispatched); {@code acceptedFrom} (inclusive) and {@code acceptedTo} (exclusive) bound its
     * acceptance; {@code followedUp} whether the requester asked after it (催办) at least once.
     */
    record Filter(Set<RequestStatus> statuses, String department, Channel channel, String category, String community,
            String phone, String assignedTo, String dispatchedTo, Boolean dispatched, java.time.Instant acceptedFrom,
            java.time.Instant acceptedTo, Boolean followedUp) {

        public Filter {
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        }
    }

    /**
     * A page, how many the query matches in all, and the position of its last order when another page follows it
     * (null when none does, or when the query does not tell).
     */
    record Page(List<WorkOrder.State> content, long totalElements, Position next) {

        public Page(List<WorkOrder.State> content, long totalElements) {
            this(content, totalElements, null);
        }
    }

    /** A page of the triage queue, how many the queue holds in all, and where the next page starts (null: none). */
    record QueuePage(List<WorkOrder.State> content, long totalElements, QueuePosition next) {
    }

    /**
     * Where the triage queue stopped: an order's place in it, its urgency group ({@code EMERGENCY}, {@code URGENT},
     * or {@code NORMAL} for the rest: normal orders and those stored without an urgency), acceptance and id. A page
     * read from it continues with the orders after that one, in its group and then in those that follow.
     */
    record QueuePosition(Urgency group, java.time.Instant acceptedAt, UUID id) {

        public QueuePosition {
            java.util.Objects.requireNonNull(group, "group");
            java.util.Objects.requireNonNull(acceptedAt, "acceptedAt");
            java.util.Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Where a list of orders stopped: an order's acceptance and id, which the lists order by. A page read from it
     * continues with the orders after that one, wherever others arrived or left the list meanwhile.
     */
    record Position(java.time.Instant acceptedAt, UUID id) {

        public Position {
            java.util.Objects.requireNonNull(acceptedAt, "acceptedAt");
            java.util.Objects.requireNonNull(id, "id");
        }
    }
}
