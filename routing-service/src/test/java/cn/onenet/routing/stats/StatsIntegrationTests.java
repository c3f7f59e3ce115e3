package cn.onenet.routing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Topics;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.RequestSubmitted;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.platform.kafka.EventCodec;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.sla.Deadlines;
import cn.onenet.routing.workorder.RejectionReason;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderStore;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The statistics and supervision endpoints over HTTP, on the shared context. Other tests create orders in the same
 * store, so the summary tests accept their orders in a window of 2021 no other test uses, and the supervision
 * tests look at their own orders by id (or at what changed in a department no other test dispatches to).
 */
class StatsIntegrationTests extends RoutingIntegrationTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    WorkOrderStore store;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    StatsReadModel readModel;

    @Autowired
    StatsService stats;

    @Autowired
    SummaryCellsWorker cellsWorker;

    @Autowired
    SummaryCells cells;

    @Test
    void summarisesTheOrdersAcceptedInTheWindowByTheDepartmentTheyWereDispatchedTo() throws Exception {
        Instant day = Instant.parse("2021-03-01T00:00:00Z");
        RequestSubmitted satisfied = submit("elderly-care", day.plusSeconds(3600));
        RequestSubmitted dissatisfied = submit("elderly-care", day.plusSeconds(7200));
        RequestSubmitted waiting = submit("housing-repair", day.plusSeconds(10_800));
        RequestSubmitted rejected = submit("other", day.plusSeconds(14_400));
        RequestSubmitted outside = submit("elderly-care", day.minusSeconds(1));
        assertThat(awaitOrder(satisfied.requestId(), "DISPATCHED").get("department").asString()).isEqualTo("civil-affairs");
        assertThat(awaitOrder(dissatisfied.requestId(), "DISPATCHED").get("department").asString()).isEqualTo("civil-affairs");
        assertThat(awaitOrder(waiting.requestId(), "DISPATCHED").get("department").asString()).isEqualTo("housing");
        awaitOrder(rejected.requestId(), "TRIAGE");
        awaitOrder(outside.requestId(), "DISPATCHED");

        for (RequestSubmitted order : List.of(satisfied, dissatisfied)) {
            String events = "/api/v1/requests/" + order.requestId() + "/events";
            assertThat(post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"civil-affairs\"}").status()).isEqualTo(200);
            assertThat(post(events, "{\"type\":\"RESOLVED\",\"department\":\"civil-affairs\",\"note\":\"已安排送餐\"}").status())
                .isEqualTo(200);
        }
        assertThat(post("/api/v1/requests/" + satisfied.requestId() + "/feedback", "{\"satisfaction\":\"BASICALLY_SATISFIED\"}")
            .status()).isEqualTo(200);
        assertThat(post("/api/v1/requests/" + dissatisfied.requestId() + "/feedback", "{\"satisfaction\":\"DISSATISFIED\"}")
            .status()).isEqualTo(200);
        // 来电催办: the requesters of two orders asked after them, one of them twice; a rejected order is not counted
        for (RequestSubmitted order : List.of(waiting, waiting, dissatisfied, rejected)) {
            assertThat(post("/api/v1/requests/" + order.requestId() + "/follow-ups", "{\"note\":\"来电催办\"}").status())
                .isEqualTo(200);
        }
        assertThat(post("/api/v1/requests/" + rejected.requestId() + "/reject", "{\"reason\":\"非政府职能\"}").status())
            .isEqualTo(200);

        String query = "/api/v1/stats/summary?from=2021-03-01T08:00:00%2B08:00&to=2021-03-02T00:00:00Z";
        awaitCells(new ReportWindow(day, day.plus(Duration.ofDays(1))));
        Response response = get(query);

        assertThat(response.status()).isEqualTo(200);
        JsonNode summary = response.body();
        assertThat(summary.get("groupBy").asString()).isEqualTo("department");
        assertThat(summary.get("from").asString()).endsWith("+08:00");
        assertThat(OffsetDateTime.parse(summary.get("from").asString()).toInstant()).isEqualTo(day);
        assertThat(OffsetDateTime.parse(summary.get("to").asString()).toInstant()).isEqualTo(day.plus(Duration.ofDays(1)));
        assertThat(rows(summary)).extracting(row -> row.get("key").isNull() ? null : row.get("key").asString())
            .containsExactly("civil-affairs", "housing", null);
        JsonNode civil = rows(summary).get(0);
        assertThat(civil.get("name").asString()).isEqualTo("区民政局");
        assertCounts(civil, 2, 0, 2, 2, 1, 1, 1, 2, 1, 0);
        assertThat(civil.get("responseRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(civil.get("resolutionRate").decimalValue()).isEqualByComparingTo(new BigDecimal("0.5000"));
        assertThat(civil.get("satisfactionRate").decimalValue()).isEqualByComparingTo(new BigDecimal("0.5000"));
        assertThat(civil.get("followedUp").asLong()).isEqualTo(1);
        assertThat(civil.get("followUps").asLong()).isEqualTo(1);
        assertThat(civil.get("followUpRate").decimalValue()).isEqualByComparingTo(new BigDecimal("0.5000"));
        JsonNode housing = rows(summary).get(1);
        assertThat(housing.get("followedUp").asLong()).as("asked after twice: one order").isEqualTo(1);
        assertThat(housing.get("followUps").asLong()).as("asked after twice: two calls").isEqualTo(2);
        assertThat(housing.get("followUpRate").decimalValue()).isEqualByComparingTo("1");
        assertCounts(housing, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(housing.get("responseRate").decimalValue()).isEqualByComparingTo(new BigDecimal("0.0000"));
        assertThat(housing.get("satisfactionRate").isNull()).isTrue();
        JsonNode notDispatched = rows(summary).get(2);
        assertThat(notDispatched.get("name").asString()).isEqualTo("未派单");
        assertCounts(notDispatched, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(notDispatched.get("responseRate").isNull()).isTrue();
        assertThat(notDispatched.get("followedUp").asLong()).as("rejected: counted as received alone").isZero();
        assertThat(notDispatched.get("followUps").asLong()).isZero();
        assertThat(notDispatched.get("followUpRate").isNull()).isTrue();
        assertThat(summary.get("total").get("followedUp").asLong()).isEqualTo(2);
        assertThat(summary.get("total").get("followUps").asLong()).isEqualTo(3);
        assertThat(summary.get("total").get("followUpRate").decimalValue())
            .isEqualByComparingTo(new BigDecimal("0.6667"));
        assertCounts(summary.get("total"), 4, 1, 3, 2, 1, 1, 1, 2, 1, 0);
        assertThat(raw(query)).as("rates have 4 decimal places on the wire")
            .contains("\"responseRate\":1.0000,\"resolutionRate\":0.5000,\"satisfactionRate\":0.5000");
        assertThat(summary.get("total").get("responseRate").decimalValue()).isEqualByComparingTo(new BigDecimal("0.6667"));

        JsonNode byCategory = get("/api/v1/stats/summary?from=2021-03-01T08:00&to=2021-03-01T20:00&groupBy=category").body();
        assertThat(rows(byCategory)).extracting(row -> row.get("key").asString() + "=" + row.get("received").asLong())
            .containsExactly("elderly-care=2", "housing-repair=1", "other=1");
        assertThat(rows(byCategory).get(0).get("name").asString()).isEqualTo(
                get("/api/v1/catalogue").body().valueStream()
                    .filter(category -> category.get("code").asString().equals("elderly-care"))
                    .findFirst().orElseThrow().get("name").asString());
    }

    /**
     * A supervisor drilling down from a summary row lists exactly the orders it counts: those last handed to its
     * department in its window, wherever they are now (held, transferred on, returned, rejected, merged).
     */
    @Test
    void theOrderListByTheDepartmentLastDispatchedToFindsEveryOrderASummaryRowCounts() {
        Instant day = Instant.parse("2020-06-09T16:00:00Z"); // 2020-06-10, midnight in Shanghai
        WorkOrder held = dispatched("civil-affairs", day.plus(Duration.ofHours(1)));
        WorkOrder transferredIn = dispatched("housing", day.plus(Duration.ofHours(2)));
        transferredIn.transfer("civil-affairs", List.of(), deadlines(day), "不属本单位职责", "dispatcher:li", false,
                day.plus(Duration.ofHours(3)));
        WorkOrder transferredOut = dispatched("civil-affairs", day.plus(Duration.ofHours(4)));
        transferredOut.transfer("housing", List.of(), deadlines(day), "不属本单位职责", "dispatcher:li", false,
                day.plus(Duration.ofHours(5)));
        WorkOrder returned = dispatched("civil-affairs", day.plus(Duration.ofHours(6)));
        returned.returnOrder("civil-affairs", "非本单位事项", day.plus(Duration.ofHours(7)));
        WorkOrder rejected = dispatched("civil-affairs", day.plus(Duration.ofHours(8)));
        rejected.reject(RejectionReason.OTHER, "非政府职能", "dispatcher:li", day.plus(Duration.ofHours(9)));
        WorkOrder merged = dispatched("civil-affairs", day.plus(Duration.ofHours(10)));
        merged.mergeInto(held, "dispatcher:li", day.plus(Duration.ofHours(11)));
        WorkOrder resolved = dispatched("housing", day.plus(Duration.ofHours(12)));
        resolved.acknowledge("housing", null, day.plus(Duration.ofHours(13)));
        resolved.resolve("housing", "已修复", day.plus(Duration.ofHours(14)));
        WorkOrder outside = dispatched("civil-affairs", day.minusSeconds(1));
        for (WorkOrder order : List.of(held, transferredIn, transferredOut, returned, rejected, merged, resolved,
                outside)) {
            assertThat(store.insert(order)).isTrue();
        }
        awaitCells(new ReportWindow(day, day.plus(Duration.ofDays(1))));
        String window = "from=2020-06-10&to=2020-06-10";

        List<JsonNode> rows = rows(get("/api/v1/stats/summary?" + window + "&groupBy=department").body());

        assertThat(rows).extracting(row -> row.get("key").asString() + "=" + row.get("received").asLong())
            .containsExactly("civil-affairs=5", "housing=2");
        for (JsonNode row : rows) {
            String department = row.get("key").asString();
            Response listed = get("/api/v1/requests?dispatchedTo=" + department + "&acceptedFrom=2020-06-10"
                    + "&acceptedTo=2020-06-10&size=100");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body().get("totalElements").asLong()).as(department)
                .isEqualTo(row.get("received").asLong());
        }
        assertThat(get("/api/v1/requests?dispatchedTo=civil-affairs&acceptedFrom=2020-06-10&acceptedTo=2020-06-10")
            .body().get("content")).extracting(order -> order.get("id").asString())
            .containsExactly(merged.id().toString(), rejected.id().toString(), returned.id().toString(),
                    transferredIn.id().toString(), held.id().toString());
        // the department holding them now: the returned, rejected and merged ones are no one's
        assertThat(get("/api/v1/requests?department=civil-affairs&acceptedFrom=2020-06-10&acceptedTo=2020-06-10")
            .body().get("totalElements").asLong()).isEqualTo(2);
    }

    private static WorkOrder dispatched(String department, Instant acceptedAt) {
        WorkOrder order = WorkOrder.receive(submitted("housing-repair", acceptedAt), acceptedAt);
        order.dispatch(department, List.of(), deadlines(acceptedAt), null, "routing", false,
                acceptedAt.plusSeconds(1));
        return order;
    }

    private static Deadlines deadlines(Instant from) {
        return new Deadlines(from.plus(Duration.ofHours(2)), from.plus(Duration.ofDays(5)));
    }

    @Test
    void addsUpTheSummaryFromCellsAsItWouldCountOrderByOrder() throws Exception {
        // days start at 16:00 UTC (midnight in Shanghai); the window starts and ends inside a minute
        Instant from = Instant.parse("2021-10-01T03:25:30Z");
        Instant to = Instant.parse("2021-10-04T17:45:10Z");
        ReportWindow window = new ReportWindow(from, to);
        assertThat(WindowPieces.of(window).cells()).extracting(WindowPieces.Run::level)
            .containsExactly(CellLevel.MINUTE, CellLevel.HOUR, CellLevel.DAY, CellLevel.HOUR, CellLevel.MINUTE);
        List<RequestSubmitted> inside = new ArrayList<>();
        for (String at : List.of("2021-10-01T03:25:40Z", "2021-10-01T03:26:00Z", "2021-10-01T05:00:00Z",
                "2021-10-02T04:00:00Z", "2021-10-03T15:59:59Z", "2021-10-04T17:44:59Z", "2021-10-04T17:45:05Z")) {
            inside.add(submit(inside.size() % 2 == 0 ? "elderly-care" : "housing-repair", Instant.parse(at)));
        }
        RequestSubmitted before = submit("elderly-care", Instant.parse("2021-10-01T03:25:10Z"));
        RequestSubmitted after = submit("elderly-care", Instant.parse("2021-10-04T17:45:20Z"));
        for (RequestSubmitted order : inside) {
            awaitOrder(order.requestId(), "DISPATCHED");
        }
        awaitOrder(before.requestId(), "DISPATCHED");
        awaitOrder(after.requestId(), "DISPATCHED");

        awaitCells(window);
        assertThat(stats.fromCells(window, GroupBy.CATEGORY).rows())
            .extracting(row -> row.key() + "=" + row.received() + "/" + row.dispatched())
            .containsExactly("elderly-care=4/4", "housing-repair=3/3");

        // a change of an order accepted days ago reaches its day's cell
        String events = "/api/v1/requests/" + inside.get(3).requestId() + "/events";
        assertThat(post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"housing\"}").status())
            .isEqualTo(200);
        assertThat(post(events, "{\"type\":\"RESOLVED\",\"department\":\"housing\",\"note\":\"已办结\"}")
            .status()).isEqualTo(200);
        awaitCells(window);
        Summary summary = stats.fromCells(window, GroupBy.DEPARTMENT);
        assertThat(summary.total().received()).isEqualTo(7);
        assertThat(summary.total().resolved()).isEqualTo(1);
        assertThat(summary.total().acknowledgedOnTime()).isEqualTo(1);
        JsonNode overHttp = get("/api/v1/stats/summary?from=2021-10-01T03:25:30Z&to=2021-10-04T17:45:10Z").body();
        assertThat(overHttp.get("total").get("received").asLong()).isEqualTo(7);
        assertThat(overHttp.get("total").get("resolved").asLong()).isEqualTo(1);

        // what a store of orders from before cells gets: every order's minute marked (these nine fall in seven)
        assertThat(cells.markEveryOrder()).isGreaterThanOrEqualTo(7);
        awaitCells(window);
    }

    @Test
    void readsTheSameFactsFromTheStoreAsTheOrderHolds() throws Exception {
        Instant day = Instant.parse("2021-09-01T00:00:00Z");
        RequestSubmitted reopened = submit("elderly-care", day.plusSeconds(3600));
        RequestSubmitted triaged = submit("other", day.plusSeconds(7200));
        awaitOrder(reopened.requestId(), "DISPATCHED");
        awaitOrder(triaged.requestId(), "TRIAGE");
        String events = "/api/v1/requests/" + reopened.requestId() + "/events";
        assertThat(post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"civil-affairs\"}").status())
            .isEqualTo(200);
        assertThat(post(events, "{\"type\":\"RESOLVED\",\"department\":\"civil-affairs\",\"note\":\"已办结\"}")
            .status()).isEqualTo(200);
        assertThat(post("/api/v1/requests/" + reopened.requestId() + "/feedback",
                "{\"satisfaction\":\"DISSATISFIED\"}").status()).isEqualTo(200);

        List<OrderFacts> read = new ArrayList<>();
        readModel.acceptedIn(new ReportWindow(day, day.plus(Duration.ofDays(1))), read::add);
        List<OrderFacts> open = new ArrayList<>();
        readModel.open(facts -> {
            if (facts.id().equals(reopened.requestId())) {
                open.add(facts);
            }
        });

        OrderFacts stored = OrderFacts.of(store.find(reopened.requestId()).orElseThrow().state());
        assertThat(stored.status()).isEqualTo(RequestStatus.REOPENED);
        assertThat(stored.timeline()).hasSizeGreaterThan(4);
        assertThat(stored.acknowledgeBy()).isNotNull();
        assertThat(stored.satisfaction()).isEqualTo(Satisfaction.DISSATISFIED);
        assertThat(read).containsExactlyInAnyOrder(stored,
                OrderFacts.of(store.find(triaged.requestId()).orElseThrow().state()));
        // the backlog's reading: what it counts, nothing else
        assertThat(open).singleElement().satisfies(facts -> {
            assertThat(facts.status()).isEqualTo(stored.status());
            assertThat(facts.department()).isEqualTo(stored.department());
            assertThat(facts.acceptedAt()).isEqualTo(stored.acceptedAt());
            assertThat(facts.acknowledgeBy()).isEqualTo(stored.acknowledgeBy());
            assertThat(facts.resolveBy()).isEqualTo(stored.resolveBy());
            assertThat(facts.timeline()).isEmpty();
            assertThat(facts.title()).isNull();
        });
    }

    @Test
    void downloadsTheSummaryAsCsvThatExcelOpensInChinese() throws Exception {
        Instant day = Instant.parse("2021-06-01T00:00:00Z");
        RequestSubmitted order = submit("elderly-care", day.plusSeconds(3600));
        awaitOrder(order.requestId(), "DISPATCHED");
        awaitCells(new ReportWindow(Instant.parse("2021-05-31T16:00:00Z"), Instant.parse("2021-06-30T16:00:00Z")));

        HttpResponse<byte[]> response = fetch("/api/v1/stats/summary.csv?from=2021-06-01&to=2021-06-30&groupBy=department");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/csv;charset=utf-8"));
        assertThat(response.headers().firstValue("Content-Disposition"))
            .hasValue("attachment; filename=\"onenet-stats-2021-06-01-2021-06-30-department.csv\"");
        byte[] body = response.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines.get(0)).startsWith("key,name,received,rejected,merged,dispatched,acknowledgedOnTime,")
            .endsWith(",responseRate,resolutionRate,satisfactionRate,followedUp,followUpRate,followUps");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("civil-affairs,区民政局,1,0,0,1,0,0,0,0,0,0,0,0.0000,0.0000,,0,0.0000,0");
        assertThat(lines.get(2)).startsWith("TOTAL,合计,1,");
    }

    @Test
    void answersProblemsForParametersItCannotUse() {
        Response everythingWrong = get("/api/v1/stats/summary?from=yesterday&to=2026-02-30&groupBy=street");
        assertThat(everythingWrong.status()).isEqualTo(400);
        assertThat(everythingWrong.contentType()).startsWith("application/problem+json");
        assertThat(everythingWrong.body().get("type").asString()).isEqualTo("https://onenet.cn/problems/validation");
        assertThat(everythingWrong.body().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactly("from", "groupBy", "to");

        assertThat(fields(get("/api/v1/stats/summary?from=2026-11-02&to=2026-11-01"))).containsExactly("from");
        assertThat(fields(get("/api/v1/stats/summary.csv?from=2024-01-01&to=2025-01-01"))).containsExactly("to");
        assertThat(fields(get("/api/v1/supervision/overdue?department=nobody"))).containsExactly("department");
        // one answer: a window the wrong way round beside an unknown grouping, an unknown department beside paging
        assertThat(fields(get("/api/v1/stats/summary?from=2026-11-02&to=2026-11-01&groupBy=nope")))
            .containsExactly("from", "groupBy");
        assertThat(fields(get("/api/v1/supervision/overdue?department=nobody&page=-1&size=0")))
            .containsExactlyInAnyOrder("department", "page", "size");
        assertThat(get("/api/v1/supervision/overdue?size=0").status()).isEqualTo(400);
        assertThat(get("/api/v1/stats/summary?groupBy=CHANNEL").status()).isEqualTo(200);
    }

    @Test
    void listsOpenOrdersPastADeadlineMostOverdueFirstAndCountsThemInTheBacklog() {
        JsonNode before = backlogRow("party-affairs");
        Instant now = Instant.now();
        WorkOrder signForLate = stored(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(5)), false);
        WorkOrder resolutionLate = stored(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(9)),
                now.minus(Duration.ofDays(2)), true);
        WorkOrder onTime = stored(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)), now.plus(Duration.ofDays(5)),
                false);
        assertThat(post("/api/v1/requests/" + resolutionLate.id() + "/follow-ups", "{\"note\":\"来电催办\"}").status())
            .isEqualTo(200);

        Response response = get("/api/v1/supervision/overdue?department=party-affairs&size=100");

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> mine = StreamSupport.stream(response.body().get("content").spliterator(), false)
            .filter(order -> List.of(signForLate.id(), resolutionLate.id(), onTime.id())
                .contains(UUID.fromString(order.get("id").asString())))
            .toList();
        assertThat(mine).extracting(order -> order.get("id").asString())
            .containsExactly(resolutionLate.id().toString(), signForLate.id().toString());
        JsonNode first = mine.get(0);
        assertThat(first.get("deadline").asString()).isEqualTo("RESOLVE");
        assertThat(first.get("department").asString()).isEqualTo("party-affairs");
        assertThat(first.get("departmentName").asString()).isEqualTo("文新街道党工委");
        assertThat(first.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(first.get("due").asString()).endsWith("+08:00");
        assertThat(OffsetDateTime.parse(first.get("due").asString()).toInstant())
            .isEqualTo(resolutionLate.state().deadlines().resolveBy().truncatedTo(ChronoUnit.MILLIS));
        assertThat(first.get("overdueMinutes").asLong()).isBetween(2L * 24 * 60, 2L * 24 * 60 + 5);
        assertThat(first.get("followUps").asInt()).as("the requester asked after it once").isEqualTo(1);
        assertThat(mine.get(1).get("followUps").asInt()).isZero();
        assertThat(Duration.parse(first.get("overdueBy").asString())).isBetween(Duration.ofDays(2), Duration.ofDays(2).plusMinutes(5));
        assertThat(mine.get(1).get("deadline").asString()).isEqualTo("ACKNOWLEDGE");
        assertThat(mine.get(1).get("overdueMinutes").asLong()).isBetween(60L, 65L);
        assertThat(response.body().get("totalElements").asLong()).isGreaterThanOrEqualTo(2);

        JsonNode after = backlogRow("party-affairs");
        assertThat(after.get("name").asString()).isEqualTo("文新街道党工委");
        assertThat(delta(before, after, "open")).isEqualTo(3);
        assertThat(delta(before, after, "overdue")).isEqualTo(2);
        assertThat(delta(before, after, "followedUp")).as("open orders asked after").isEqualTo(1);
        assertThat(delta(before.path("byStatus"), after.path("byStatus"), "DISPATCHED")).isEqualTo(2);
        assertThat(delta(before.path("byStatus"), after.path("byStatus"), "ACKNOWLEDGED")).isEqualTo(1);
        assertThat(delta(before.path("ageing"), after.path("ageing"), "underOneDay")).isEqualTo(2);
        assertThat(delta(before.path("ageing"), after.path("ageing"), "sevenDaysOrMore")).isEqualTo(1);
        assertThat(get("/api/v1/supervision/backlog").body().get("total").get("open").asLong())
            .isGreaterThanOrEqualTo(after.get("open").asLong());
    }

    @Test
    void anOrderIsListedAsLateFromItsDeadlineAsItStandsAndOneStoredBeforeOrdersRecordedThatIsToo() {
        Instant now = Instant.now();
        WorkOrder signForLate = stored(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(5)), false);
        WorkOrder storedBefore = stored(now.minus(Duration.ofHours(4)), now.minus(Duration.ofHours(2)),
                now.plus(Duration.ofDays(4)), false);
        // as an earlier routing stored it: without the moment it is late from
        mongo.updateFirst(Query.query(Criteria.where("_id").is(storedBefore.id().toString())),
                new Update().unset("lateFrom"), "work_orders");
        assertThat(lateFrom(signForLate)).isEqualTo(now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));

        assertThat(overdueOfPartyAffairs()).contains(signForLate.id().toString(), storedBefore.id().toString());

        // signed for: late only from its resolution deadline, days away
        String events = "/api/v1/requests/" + signForLate.id() + "/events";
        assertThat(post(events, "{\"type\":\"ACKNOWLEDGED\",\"department\":\"party-affairs\"}").status())
            .isEqualTo(200);
        assertThat(lateFrom(signForLate)).isEqualTo(now.plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MILLIS));
        assertThat(overdueOfPartyAffairs()).doesNotContain(signForLate.id().toString())
            .contains(storedBefore.id().toString());

        // resolved: no deadline runs, nothing to be late from
        assertThat(post(events, "{\"type\":\"RESOLVED\",\"department\":\"party-affairs\",\"note\":\"已办结\"}")
            .status()).isEqualTo(200);
        assertThat(lateFrom(signForLate)).isNull();
    }

    @Test
    void readsTheOverdueListOnFromWhereThePreviousPageStoppedWhileOrdersAreResolved() {
        // sign-for deadlines passed in 2001, before any other test's: these head party-affairs' list, most overdue
        // first; resolution is due in a month, so each stays late on its sign-for deadline while the test reads
        Instant day = Instant.parse("2001-05-01T00:00:00Z");
        Instant month = Instant.now().plus(Duration.ofDays(30));
        WorkOrder o1 = stored(day, day.plus(Duration.ofHours(1)), month, false);
        WorkOrder o2 = stored(day, day.plus(Duration.ofHours(2)), month, false);
        // late from the same moment, accepted at the same moment: in the order of their ids, and the first page ends
        // between them
        Instant tiedAcceptance = day.plus(Duration.ofMinutes(10));
        List<WorkOrder> tie = Stream.of(stored(tiedAcceptance, day.plus(Duration.ofHours(3)), month, false),
                stored(tiedAcceptance, day.plus(Duration.ofHours(3)), month, false))
            .sorted(Comparator.comparing(WorkOrder::id))
            .toList();
        WorkOrder o5 = stored(day, day.plus(Duration.ofHours(4)), month, false);
        WorkOrder o6 = stored(day, day.plus(Duration.ofHours(5)), month, false);
        String query = "/api/v1/supervision/overdue?department=party-affairs";

        JsonNode first = get(query + "&size=3").body();
        assertThat(ids(first)).as("this test's orders head the list")
            .containsExactly(id(o1), id(o2), id(tie.get(0)));
        List<String> seen = new ArrayList<>(ids(first));
        // the department signs for and resolves two of them, and another order falls late below them, before the
        // supervisor reads on
        signForAndResolve(o1);
        signForAndResolve(o2);
        WorkOrder fellLate = stored(day, day.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(30)), month, false);

        JsonNode second = get(query + "&size=2&after=" + next(first)).body();
        assertThat(ids(second)).containsExactly(id(tie.get(1)), id(o5));
        seen.addAll(ids(second));
        signForAndResolve(o5);
        JsonNode third = get(query + "&size=2&after=" + next(second)).body();
        seen.addAll(ids(third));

        // every order late when read, once each, most overdue first
        assertThat(seen).containsExactly(id(o1), id(o2), id(tie.get(0)), id(tie.get(1)), id(o5), id(fellLate),
                id(o6));
    }

    @Test
    void refusesAPlaceInTheOverdueListItDidNotGiveAndAPageNumberBesideOne() {
        assertThat(fields(get("/api/v1/supervision/overdue?after=not-a-position"))).containsExactly("after");
        assertThat(fields(get("/api/v1/supervision/overdue?after=" + "x".repeat(129)))).containsExactly("after");
        // the triage queue's positions are not this list's
        Instant now = Instant.now();
        stored(now.minus(Duration.ofHours(5)), now.minus(Duration.ofHours(3)), now.plus(Duration.ofDays(5)), false);
        stored(now.minus(Duration.ofHours(5)), now.minus(Duration.ofHours(3)), now.plus(Duration.ofDays(5)), false);
        String queuePosition = Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("EMERGENCY:1:" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
        assertThat(fields(get("/api/v1/supervision/overdue?after=" + queuePosition))).containsExactly("after");
        JsonNode first = get("/api/v1/supervision/overdue?size=1").body();
        assertThat(fields(get("/api/v1/supervision/overdue?size=1&page=0&after=" + next(first))))
            .containsExactly("page");
    }

    private void signForAndResolve(WorkOrder order) {
        WorkOrder stored = store.find(order.id()).orElseThrow();
        Instant now = Instant.now();
        stored.acknowledge("party-affairs", null, now);
        stored.resolve("party-affairs", "已办结", now);
        store.update(stored);
    }

    private static String next(JsonNode page) {
        assertThat(page.get("next").isNull()).as("another page follows").isFalse();
        return page.get("next").asString();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("content").valueStream().map(order -> order.get("id").asString()).toList();
    }

    private static String id(WorkOrder order) {
        return order.id().toString();
    }

    private Instant lateFrom(WorkOrder order) {
        Document stored = mongo.findById(order.id().toString(), Document.class, "work_orders");
        assertThat(stored).isNotNull();
        return stored.getDate("lateFrom") == null ? null : stored.getDate("lateFrom").toInstant();
    }

    private List<String> overdueOfPartyAffairs() {
        Response response = get("/api/v1/supervision/overdue?department=party-affairs&size=100");
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.body().get("content").spliterator(), false)
            .map(order -> order.get("id").asString())
            .toList();
    }

    /** An order of party-services (文新街道党工委) stored as routing would have left it, with the deadlines given. */
    private WorkOrder stored(Instant acceptedAt, Instant acknowledgeBy, Instant resolveBy, boolean signedFor) {
        WorkOrder order = WorkOrder.receive(submitted("party-services", acceptedAt), acceptedAt);
        order.dispatch("party-affairs", List.of(), new Deadlines(acknowledgeBy, resolveBy), null, "routing", false,
                acceptedAt.plusSeconds(1));
        if (signedFor) {
            order.acknowledge("party-affairs", null, acceptedAt.plusSeconds(60));
        }
        assertThat(store.insert(order)).isTrue();
        return order;
    }

    private JsonNode backlogRow(String department) {
        JsonNode backlog = get("/api/v1/supervision/backlog").body();
        return StreamSupport.stream(backlog.get("rows").spliterator(), false)
            .filter(row -> !row.get("department").isNull() && department.equals(row.get("department").asString()))
            .findFirst()
            .orElse(JSON.createObjectNode());
    }

    private String raw(String path) throws Exception {
        return new String(fetch(path).body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> fetch(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long delta(JsonNode before, JsonNode after, String field) {
        return after.path(field).asLong(0) - before.path(field).asLong(0);
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).isEqualTo(400);
        return StreamSupport.stream(response.body().get("errors").spliterator(), false)
            .map(error -> error.get("field").asString())
            .toList();
    }

    /**
     * Waits until the summary cells have counted every change of the window's orders (a round every 200 ms here):
     * the summary from the cells is then the one counted order by order, for every grouping.
     */
    private void awaitCells(ReportWindow window) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(cellsWorker.complete()).isTrue();
            for (GroupBy groupBy : GroupBy.values()) {
                Summary fromCells = stats.fromCells(window, groupBy);
                Summary counted = stats.orderByOrder(window, groupBy);
                assertThat(fromCells.rows()).as(groupBy.name()).isEqualTo(counted.rows());
                assertThat(fromCells.total()).as(groupBy.name()).isEqualTo(counted.total());
            }
        });
    }

    private static List<JsonNode> rows(JsonNode summary) {
        return StreamSupport.stream(summary.get("rows").spliterator(), false).toList();
    }

    private static void assertCounts(JsonNode row, long received, long rejected, long dispatched, long acknowledgedOnTime,
            long resolved, long resolvedOnTime, long closed, long callbacks, long satisfied, long overdue) {
        assertThat(List.of(row.get("received").asLong(), row.get("rejected").asLong(), row.get("dispatched").asLong(),
                row.get("acknowledgedOnTime").asLong(), row.get("resolved").asLong(), row.get("resolvedOnTime").asLong(),
                row.get("closed").asLong(), row.get("callbacks").asLong(), row.get("satisfied").asLong(),
                row.get("overdue").asLong()))
            .as(row.toString())
            .containsExactly(received, rejected, dispatched, acknowledgedOnTime, resolved, resolvedOnTime, closed,
                    callbacks, satisfied, overdue);
    }

    private RequestSubmitted submit(String category, Instant acceptedAt) throws Exception {
        RequestSubmitted submitted = submitted(category, acceptedAt);
        kafka.send(codec.encode(Topics.REQUESTS_SUBMITTED, submitted.requestId().toString(), submitted,
                submitted.eventId().toString())).get();
        return submitted;
    }

    private JsonNode awaitOrder(UUID id, String status) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Response response = get("/api/v1/requests/" + id);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("status").asString()).isEqualTo(status);
        });
        return get("/api/v1/requests/" + id).body();
    }

    private static RequestSubmitted submitted(String category, Instant acceptedAt) {
        UUID id = UUID.randomUUID();
        String tracking = String.format("%017d", Math.abs(id.getMostSignificantBits() % 100_000_000_000_000_000L));
        return new RequestSubmitted(UUID.randomUUID(), id, tracking, Channel.LIVELIHOOD, "MS-" + id, null, category,
                "统计测试 " + category, "统计测试用的诉求。", Urgency.NORMAL,
                new Location("xingzhou", "星洲社区3幢2单元", 30.27, 120.15), new Requester("张三", "13800138000"),
                acceptedAt);
    }
}
