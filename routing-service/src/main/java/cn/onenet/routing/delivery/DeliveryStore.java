package cn.onenet.routing.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deliveries, and the two kinds of claim that let several instances share the work without transactions: a
 * <em>stream</em> is one order's deliveries to one target, sent strictly in order by whoever holds its lease;
 * a <em>feed</em> is one target's entries, given increasing positions by whoever holds its lease. Every write
 * is a single-document atomic operation.
 */
public interface DeliveryStore {

    /** A leased stream; {@code generation} tells on release whether work was added meanwhile. */
    record StreamClaim(Target target, UUID orderId, long generation) {
    }

    /**
     * A page of the list: {@code totalElements} counts every delivery the filters match; {@code next}, when another
     * page follows, is the last delivery's place, where the next page starts.
     */
    record Page(List<Delivery> content, long totalElements, Position next) {
    }

    /** A place in the list, newest first: when the delivery was made, then by order, sequence (last first) and id. */
    record Position(Instant createdAt, UUID orderId, long sequence, String id) {

        public static Position of(Delivery delivery) {
            return new Position(delivery.createdAt(), delivery.orderId(), delivery.sequence(), delivery.id());
        }
    }

    /** Stores the delivery unless one with its id exists already; answers whether it was new. */
    boolean add(Delivery delivery);

    /** Stores those of the deliveries that are not there yet, in one round trip when none is. */
    void addAll(List<Delivery> deliveries);

    /** Notes that the order's stream to the target has work due now. */
    void touchStream(Target target, UUID orderId, Instant now);

    /** Leases the target's stream that has been due longest and is not leased; empty when there is none. */
    Optional<StreamClaim> claimStream(Target target, String owner, Instant now, Duration lease);

    /** The order's pending delivery to the target with the lowest sequence: the only one that may be sent. */
    Optional<Delivery> head(Target target, UUID orderId);

    /**
     * Gives up a lease; the stream is next due at {@code dueAt} ({@code null}: nothing to do). If work was added
     * while it was leased, it is due at once instead.
     */
    void releaseStream(StreamClaim claim, String owner, Instant dueAt, Instant now);

    boolean markDelivered(String id, int attempts, Instant at);

    boolean markFailed(String id, int attempts, String error, Instant at, Instant nextAttemptAt);

    boolean markParked(String id, int attempts, String error, Instant at);

    /** A parked delivery back to pending with fresh attempts; empty when it is not parked. */
    Optional<Delivery> requeue(String id, Instant now);

    /**
     * Pending deliveries to the target whose next attempt is after {@code now} (waiting out a backoff), by order and
     * sequence; of one order only, up to {@code upToSequence}, when {@code orderId} is given. Payloads are left out.
     */
    List<Delivery> waiting(Target target, UUID orderId, long upToSequence, Instant now, int limit);

    /** A pending delivery's next attempt brought forward to {@code now}; false when it is not pending or not later. */
    boolean hurry(String id, Instant now);

    /** The target's parked deliveries, by order and sequence. */
    List<Delivery> parked(Target target, int limit);

    Optional<Delivery> find(String id);

    /**
     * Newest first; payloads are left out. Either filter may be null. Page {@code page}, or, when {@code after} is
     * given, the {@code size} deliveries after that place (deliveries made since do not move them).
     */
    Page search(DeliveryState state, Target target, Position after, int page, int size);

    long count(DeliveryState state);

    /**
     * Leases the targets' feeds for giving positions and reserves the next {@code reserve} positions of each, in
     * two round trips for all of them (a feed not created yet takes two more); answers, for each feed leased, the
     * highest position handed out before (used or reserved). One that another holder has is left out.
     * {@code holder} must be new for every claim: it tells the feeds this claim leased from any it held before.
     */
    Map<Target, Long> claimFeeds(Map<Target, Integer> reserve, String holder, Instant now, Duration lease);

    /** Reserves the positions up to {@code upTo} before they are given out; false when the lease was lost. */
    boolean reserveFeed(Target target, String holder, long upTo);

    /** Deliveries of the target without a position yet, in the order they were stored. */
    List<Delivery> unpositioned(Target target, int limit);

    /** Deliveries of one target to get the positions {@code first}, {@code first + 1} … in this order. */
    record Positions(Target target, List<String> ids, long first) {
    }

    /**
     * Gives out the positions of every target in one round trip; a delivery that has a position already keeps
     * it, and the position meant for it stays unused. Answers the targets where a position was taken by another
     * holder: this one's lease has run out (their other positions may be given or not).
     */
    Set<Target> assignPositions(List<Positions> positions);

    /** Gives up the leases of the feeds this holder has (one round trip). */
    void releaseFeeds(Collection<Target> targets, String holder);

    /** Targets with deliveries still waiting for a position. */
    List<Target> withUnpositioned(int limit);

    /** The target's deliveries after {@code position}, in position order. */
    List<Delivery> feed(Target target, long afterPosition, int limit);

    /** The last position the target's feed has given out (or set aside for a delivery); 0 before its first. */
    long feedHead(Target target);

    /** Removes delivered and pull-only deliveries and idle streams older than {@code before}; parked ones stay. */
    long purge(Instant before);
}
