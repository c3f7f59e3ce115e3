package cn.onenet.routing.workorder;

import static cn.onenet.routing.workorder.TestOrders.accepted;
import static cn.onenet.routing.workorder.TestOrders.deadlines;
import static cn.onenet.routing.workorder.TestOrders.dispatched;
import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.routing.RoutingIntegrationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The order list by the department an order was last handed to and by its window of acceptance: what a supervisor
 * drilling down from a summary row asks for. Each test accepts its orders on a day of 2020 no other test uses, so a
 * list bounded by that day holds exactly its orders.
 */
class OrderListFiltersIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    WorkOrderStore store;

    @Test
    void listsAnOrderUnderTheDepartmentItWasLastHandedToWhereverItIsNow() {
        Instant day = Instant.parse("2020-04-14T16:00:00Z"); // 2020-04-15, midnight in Shanghai
        WorkOrder transferred = dispatched("housing", day.plus(Duration.ofHours(1)));
        transferred.transfer("civil-affairs", List.of(), deadlines(day), "不属本单位职责", "dispatcher:li",
                false, day.plus(Duration.ofHours(2)));
        WorkOrder returned = dispatched("housing", day.plus(Duration.ofHours(3)));
        returned.returnOrder("housing", "非本单位事项", day.plus(Duration.ofHours(4)));
        WorkOrder rejected = dispatched("housing", day.plus(Duration.ofHours(5)));
        rejected.reject(RejectionReason.OTHER, "非政府职能", "dispatcher:li", day.plus(Duration.ofHours(6)));
        WorkOrder merged = dispatched("housing", day.plus(Duration.ofHours(7)));
        merged.mergeInto(transferred, "dispatcher:li", day.plus(Duration.ofHours(8)));
        WorkOrder held = dispatched("housing", day.plus(Duration.ofHours(9)));
        Instant triaged = day.plus(Duration.ofHours(10));
        WorkOrder inTriage = WorkOrder.receive(accepted(triaged), triaged);
        inTriage.sendToTriage("no rule", triaged);
        for (WorkOrder order : List.of(transferred, returned, rejected, merged, held, inTriage)) {
            assertThat(store.insert(order)).isTrue();
        }
        String window = "&acceptedFrom=2020-04-15&acceptedTo=2020-04-15";

        assertThat(ids(list("dispatchedTo=civil-affairs" + window))).containsExactly(id(transferred));
        // held now or not: every order housing had last, newest first
        JsonNode housing = list("dispatchedTo=housing" + window);
        assertThat(ids(housing)).containsExactly(id(held), id(merged), id(rejected), id(returned));
        assertThat(housing.get("totalElements").asLong()).isEqualTo(4);
        // the department holding the order now: the transferred order has left housing, the others no one holds
        assertThat(ids(list("department=housing" + window))).containsExactly(id(held));
        assertThat(ids(list("department=civil-affairs" + window))).containsExactly(id(transferred));
        // ANDed with the other filters; paged as before
        assertThat(ids(list("dispatchedTo=housing&status=RETURNED,MERGED" + window)))
            .containsExactly(id(merged), id(returned));
        JsonNode secondPage = list("dispatchedTo=housing&page=1&size=3" + window);
        assertThat(ids(secondPage)).containsExactly(id(returned));
        assertThat(secondPage.get("totalElements").asLong()).isEqualTo(4);
        // the summary's row of the orders never dispatched (未派单); or every order ever dispatched
        assertThat(ids(list("dispatched=false" + window))).containsExactly(id(inTriage));
        assertThat(ids(list("dispatched=true" + window)))
            .containsExactly(id(held), id(merged), id(rejected), id(returned), id(transferred));
        assertThat(ids(list("dispatched=true&dispatchedTo=housing" + window))).hasSize(4);
        // without a window: among every order of housing's
        assertThat(ids(list("dispatchedTo=housing&size=100"))).contains(id(returned), id(rejected), id(merged))
            .doesNotContain(id(transferred), id(inTriage));
    }

    @Test
    void continuesFromWhereThePreviousPageStoppedWhileOrdersArriveAndAreSignedFor() {
        // 2020-06-10 in Shanghai: seven of party-affairs' orders waiting for its sign-for, two in the same millisecond
        Instant day = Instant.parse("2020-06-09T16:00:00Z");
        List<WorkOrder> waiting = new ArrayList<>();
        for (int hour = 1; hour <= 6; hour++) {
            waiting.add(stored(day.plus(Duration.ofHours(hour))));
        }
        waiting.add(stored(day.plus(Duration.ofHours(4)))); // the first page ends between these two
        String query = "dispatchedTo=party-affairs&status=DISPATCHED&acceptedFrom=2020-06-10&acceptedTo=2020-06-10"
                + "&size=3";

        JsonNode first = list(query);
        List<String> seen = new ArrayList<>(ids(first));
        assertThat(first.get("totalElements").asLong()).isEqualTo(7);
        // the department signs for what it saw, and a newer order arrives at the top, before it reads on
        for (String id : ids(first)) {
            WorkOrder order = store.find(UUID.fromString(id)).orElseThrow();
            order.acknowledge("party-affairs", null, day.plus(Duration.ofHours(12)));
            store.update(order);
        }
        WorkOrder newer = stored(day.plus(Duration.ofHours(7)));

        JsonNode second = list(query + "&after=" + first.get("next").asString());
        seen.addAll(ids(second));
        JsonNode last = list(query + "&after=" + second.get("next").asString());
        seen.addAll(ids(last));
        // every order waiting when the first page was read, once each, newest first (ties by id); none after it
        List<String> expected = waiting.stream()
            .sorted(Comparator.comparing((WorkOrder order) -> order.state().acceptedAt())
                .thenComparing(order -> order.id().toString()).reversed())
            .map(OrderListFiltersIntegrationTests::id)
            .toList();
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(last.get("next").isNull()).as("the last page says no other follows").isTrue();
        assertThat(second.get("totalElements").asLong()).as("the list's total as it is now").isEqualTo(5);
        // the newer order heads the list read from the top
        assertThat(ids(list(query)).get(0)).isEqualTo(id(newer));
    }

    @Test
    void refusesAPositionItDidNotGiveAndAPageNumberBesideOne() {
        assertThat(fields(get("/api/v1/requests?after=not-a-position"))).containsExactly("after");
        assertThat(fields(get("/api/v1/requests?after=" + "x".repeat(129)))).containsExactly("after");
        JsonNode first = list("size=1");
        assertThat(fields(get("/api/v1/requests?size=1&page=2&after=" + first.get("next").asString())))
            .containsExactly("page");
        assertThat(fields(get("/api/v1/requests?size=1&page=0&after=" + first.get("next").asString())))
            .containsExactly("page");
    }

    @Test
    void namesAParameterTheListHasNotRatherThanListingEveryOrder() {
        Response misspelt = get("/api/v1/requests?statuss=CLOSED&externalId=A10-1&size=1");
        assertThat(fields(misspelt)).containsExactly("externalId", "statuss");
        assertThat(misspelt.body().get("errors").get(0).get("message").asString())
            .isEqualTo("is not a parameter of this list; it takes status, department, dispatchedTo, dispatched, "
                    + "acceptedFrom, acceptedTo, channel, category, community, phone, followedUp, after, page, size");
        assertThat(fields(get("/api/v1/requests?sort=acceptedAt,asc&acceptedFrom=2026-11-02&acceptedTo=2026-11-01")))
            .containsExactlyInAnyOrder("sort", "acceptedFrom", "acceptedTo");
    }

    @Test
    void readsTheWindowAsTheSummaryReadsItsFromAndTo() {
        // 2020-05-20 in Shanghai (UTC+8): 09:00, 23:30; and 00:30 on the 21st, still the 20th in UTC
        WorkOrder morning = stored(Instant.parse("2020-05-20T01:00:00Z"));
        WorkOrder lateEvening = stored(Instant.parse("2020-05-20T15:30:00Z"));
        WorkOrder nextDay = stored(Instant.parse("2020-05-20T16:30:00Z"));
        String department = "dispatchedTo=party-affairs&";

        // dates in Shanghai: a date acceptedTo includes that day
        assertThat(ids(list(department + "acceptedFrom=2020-05-20&acceptedTo=2020-05-20")))
            .containsExactly(id(lateEvening), id(morning));
        assertThat(ids(list(department + "acceptedFrom=2020-05-20&acceptedTo=2020-05-21")))
            .containsExactly(id(nextDay), id(lateEvening), id(morning));
        // offset date-times, the '+' sent unencoded (read as a space) or encoded; acceptedTo exclusive
        assertThat(ids(list(department
                + "acceptedFrom=2020-05-20T09:00:00+08:00&acceptedTo=2020-05-20T23:30:00+08:00")))
            .containsExactly(id(morning));
        assertThat(ids(list(department + "acceptedFrom=2020-05-20T09:00:01%2B08:00&acceptedTo=2020-05-21T00:30:00Z")))
            .containsExactly(id(nextDay), id(lateEvening));
        // local date-times, in Shanghai; either end alone
        assertThat(ids(list(department + "acceptedFrom=2020-05-20T23:30&acceptedTo=2020-05-21T00:30:01")))
            .containsExactly(id(nextDay), id(lateEvening));
        assertThat(ids(list(department + "acceptedTo=2020-05-20T09:00:01")))
            .contains(id(morning)).doesNotContain(id(lateEvening), id(nextDay));
        assertThat(ids(list(department + "acceptedFrom=2020-05-20T23:30&size=100")))
            .contains(id(lateEvening), id(nextDay)).doesNotContain(id(morning));
    }

    @Test
    void answersOneProblemNamingEveryBadParameter() {
        Response unreadable = get("/api/v1/requests?acceptedFrom=yesterday");
        assertThat(fields(unreadable)).containsExactly("acceptedFrom");
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
        assertThat(unreadable.body().get("type").asString()).isEqualTo("https://onenet.cn/problems/validation");
        assertThat(unreadable.body().get("errors").get(0).get("message").asString())
            .isEqualTo("must be an ISO date (2026-11-01) or date-time with offset (2026-11-01T08:00:00+08:00); "
                    + "got 'yesterday'");
        assertThat(fields(get("/api/v1/requests?acceptedTo=2026-02-30"))).containsExactly("acceptedTo");

        // from not before to: both named
        assertThat(fields(get("/api/v1/requests?acceptedFrom=2026-11-02&acceptedTo=2026-11-01")))
            .containsExactlyInAnyOrder("acceptedFrom", "acceptedTo");
        assertThat(fields(get("/api/v1/requests?acceptedFrom=2026-11-01T10:00:00%2B08:00"
                + "&acceptedTo=2026-11-01T02:00:00Z"))).containsExactlyInAnyOrder("acceptedFrom", "acceptedTo");
        assertThat(get("/api/v1/requests?acceptedFrom=2026-11-01&acceptedTo=2026-11-01").status())
            .as("a date to includes that day").isEqualTo(200);

        // several at once, beside the list's other parameters
        assertThat(fields(get("/api/v1/requests?acceptedFrom=yesterday&acceptedTo=2026-02-30&dispatchedTo="
                + "x".repeat(65) + "&page=-1")))
            .containsExactlyInAnyOrder("acceptedFrom", "acceptedTo", "dispatchedTo", "page");
        assertThat(fields(get("/api/v1/requests?status=NOPE&acceptedTo=tomorrow&dispatchedTo=" + "x".repeat(65))))
            .containsExactlyInAnyOrder("status", "acceptedTo", "dispatchedTo");
        // never dispatched, yet dispatched to a department: nothing could match, said with the window's problem
        assertThat(fields(get("/api/v1/requests?dispatched=false&dispatchedTo=housing&acceptedFrom=2020-05-02"
                + "&acceptedTo=2020-05-01")))
            .containsExactlyInAnyOrder("dispatched", "acceptedFrom", "acceptedTo");
        assertThat(fields(get("/api/v1/requests?dispatched=maybe&page=-1")))
            .containsExactlyInAnyOrder("dispatched", "page");
    }

    private JsonNode list(String query) {
        // as written: a '+' reaches the service as a space, as from a browser or curl; %2B as a '+'
        Response response = get("/api/v1/requests?" + query);
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("content").valueStream().map(order -> order.get("id").asString()).toList();
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).isEqualTo(400);
        return response.body().get("errors").valueStream().map(error -> error.get("field").asString()).toList();
    }

    private static String id(WorkOrder order) {
        return order.id().toString();
    }

    /** An order of party-affairs (文新街道党工委), held by it, accepted at {@code acceptedAt}. */
    private WorkOrder stored(Instant acceptedAt) {
        WorkOrder order = dispatched("party-affairs", acceptedAt);
        assertThat(store.insert(order)).isTrue();
        return order;
    }
}
