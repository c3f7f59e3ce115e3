package cn.onenet.routing.workorder;

import static cn.onenet.routing.workorder.TestOrders.accepted;
import static cn.onenet.routing.workorder.TestOrders.deadlines;
import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Urgency;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The dispatchers' queue read a page at a time while they work it. The queue holds every test's unrouted orders:
 * this test accepts its own in 2001, before any other test's, so that they head each urgency group, and follows
 * them by id.
 */
class TriageQueueIntegrationTests extends RoutingIntegrationTestSupport {

    private static final Instant DAY = Instant.parse("2001-03-01T00:00:00Z");

    @Autowired
    WorkOrderStore store;

    private final Set<String> mine = new HashSet<>();

    @Test
    void readsOnFromWhereThePreviousPageStoppedWhileOrdersAreDispatchedAndQueued() {
        WorkOrder e1 = queued(Urgency.EMERGENCY, hours(1));
        // two emergencies of one millisecond: the first page ends between them
        List<WorkOrder> tie = Stream.of(queued(Urgency.EMERGENCY, hours(2)), queued(Urgency.EMERGENCY, hours(2)))
            .sorted(Comparator.comparing(order -> order.id().toString()))
            .toList();
        WorkOrder u1 = queued(Urgency.URGENT, hours(1));
        WorkOrder u2 = queued(Urgency.URGENT, hours(2));
        WorkOrder u3 = queued(Urgency.URGENT, hours(3));
        WorkOrder n1 = queued(Urgency.NORMAL, hours(1));
        WorkOrder n2 = queued(Urgency.NORMAL, hours(2));
        // the other tests' emergencies waiting: accepted later than these, they end the emergencies
        long othersEmergencies = read("size=100").get("content").valueStream()
            .filter(entry -> entry.get("urgency").asString().equals("EMERGENCY") && !mine.contains(id(entry)))
            .count();
        List<String> seen = new ArrayList<>();

        JsonNode first = read("size=2");
        assertThat(ids(first)).as("this test's orders head the queue").containsExactly(id(e1), id(tie.get(0)));
        seen.addAll(ids(first));
        // the dispatcher dispatches the first, and an urgent order is queued below the page, before reading on
        dispatch(e1);
        WorkOrder uNew = queued(Urgency.URGENT, hours(2).plus(Duration.ofMinutes(30)));

        // up to the last emergency: the page after it starts with the urgent orders
        JsonNode second = read("size=" + (1 + othersEmergencies) + "&after=" + next(first));
        assertThat(ids(second).get(0)).isEqualTo(id(tie.get(1)));
        assertThat(last(second).get("urgency").asString()).isEqualTo("EMERGENCY");
        seen.addAll(mineOf(second));
        reject(tie.get(1));

        JsonNode third = read("size=2&after=" + next(second));
        assertThat(ids(third)).as("from one urgency group to the next").containsExactly(id(u1), id(u2));
        seen.addAll(ids(third));
        dispatch(u1);
        // an emergency arrives (above the page: not among those read on) and a normal order below it
        WorkOrder eNew = queued(Urgency.EMERGENCY, Instant.now());
        WorkOrder nNew = queued(Urgency.NORMAL, hours(3));

        // on, three at a time, dispatching the first of each page, until past this test's orders
        JsonNode page = third;
        for (int pages = 0; pages < 100 && !page.get("next").isNull() && !pastMine(last(page)); pages++) {
            page = read("size=3&after=" + next(page));
            List<String> ours = mineOf(page);
            seen.addAll(ours);
            if (!ours.isEmpty()) {
                dispatch(store.find(UUID.fromString(ours.get(0))).orElseThrow());
            }
        }

        // every order waiting when read, once each, in the queue's order; the emergency queued above the page not
        assertThat(seen).containsExactly(id(e1), id(tie.get(0)), id(tie.get(1)), id(u1), id(u2), id(uNew), id(u3),
                id(n1), id(n2), id(nNew));
        assertThat(ids(read("size=100"))).as("it waits among the emergencies, read from the top").contains(id(eNew));
    }

    @Test
    void refusesAPositionItDidNotGiveAndAPageNumberBesideOne() {
        assertThat(fields(get("/api/v1/requests/triage?after=not-a-position"))).containsExactly("after");
        assertThat(fields(get("/api/v1/requests/triage?after=" + "x".repeat(129)))).containsExactly("after");
        // the order list's positions are not the queue's
        JsonNode orders = get("/api/v1/requests?size=1").body();
        assertThat(fields(get("/api/v1/requests/triage?after=" + orders.get("next").asString())))
            .containsExactly("after");
        queued(Urgency.NORMAL, hours(12));
        queued(Urgency.NORMAL, hours(12));
        JsonNode first = read("size=1");
        assertThat(fields(get("/api/v1/requests/triage?size=1&page=0&after=" + next(first))))
            .containsExactly("page");
        // page numbers read as before
        assertThat(read("size=1&page=1").get("content")).hasSize(1);
    }

    /** An order of {@code urgency} accepted at {@code acceptedAt} that no rule could route. */
    private WorkOrder queued(Urgency urgency, Instant acceptedAt) {
        WorkOrder order = WorkOrder.receive(accepted(acceptedAt, urgency), acceptedAt);
        order.sendToTriage("no rule", acceptedAt);
        assertThat(store.insert(order)).isTrue();
        mine.add(order.id().toString());
        return order;
    }

    private void dispatch(WorkOrder order) {
        WorkOrder stored = store.find(order.id()).orElseThrow();
        Instant now = Instant.now();
        stored.dispatch("housing", List.of(), deadlines(now), null, "dispatcher:li", false, now);
        store.update(stored);
    }

    private void reject(WorkOrder order) {
        WorkOrder stored = store.find(order.id()).orElseThrow();
        stored.reject(RejectionReason.OTHER, "非政府职能", "dispatcher:li", Instant.now());
        store.update(stored);
    }

    /** A normal order accepted after this test's: the queue holds none of them further on. */
    private static boolean pastMine(JsonNode entry) {
        return entry.get("urgency").asString().equals("NORMAL")
                && OffsetDateTime.parse(entry.get("acceptedAt").asString()).toInstant().isAfter(hours(24));
    }

    private static Instant hours(int hours) {
        return DAY.plus(Duration.ofHours(hours));
    }

    private JsonNode read(String query) {
        Response response = get("/api/v1/requests/triage?" + query);
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String next(JsonNode page) {
        assertThat(page.get("next").isNull()).as("another page follows").isFalse();
        return page.get("next").asString();
    }

    private static JsonNode last(JsonNode page) {
        JsonNode content = page.get("content");
        return content.get(content.size() - 1);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("content").valueStream().map(TriageQueueIntegrationTests::id).toList();
    }

    private List<String> mineOf(JsonNode page) {
        return ids(page).stream().filter(mine::contains).toList();
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).isEqualTo(400);
        return response.body().get("errors").valueStream().map(error -> error.get("field").asString()).toList();
    }

    private static String id(JsonNode entry) {
        return entry.get("id").asString();
    }

    private static String id(WorkOrder order) {
        return order.id().toString();
    }
}
