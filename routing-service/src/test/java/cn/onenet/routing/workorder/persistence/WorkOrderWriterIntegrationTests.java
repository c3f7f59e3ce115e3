package cn.onenet.routing.workorder.persistence;

import static cn.onenet.routing.workorder.TestOrders.accepted;
import static cn.onenet.routing.workorder.TestOrders.deadlines;
import static cn.onenet.routing.workorder.TestOrders.dispatched;
import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Satisfaction;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.routing.RoutingIntegrationTestSupport;
import cn.onenet.routing.sla.Deadlines;
import cn.onenet.routing.workorder.DeadlineKind;
import cn.onenet.routing.workorder.Duplicates;
import cn.onenet.routing.workorder.EscalationLevel;
import cn.onenet.routing.workorder.Supervision;
import cn.onenet.routing.workorder.TimelineEntry;
import cn.onenet.routing.workorder.TimelineType;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderStore;
import cn.onenet.routing.workorder.persistence.WorkOrderDocument.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Orders are written without Spring Data's mapping ({@link WorkOrderWriter}) and read with it: the writer must
 * give exactly the document the service's own converter gives, field for field, for an order with every field set
 * and for one with none of the optional ones, and the converter must read it back as the same order. Orders stored
 * returned, rejected or merged while a change kept the fields it emptied are mended when routing starts.
 */
class WorkOrderWriterIntegrationTests extends RoutingIntegrationTestSupport {

    private static final Instant AT = Instant.parse("2026-11-29T08:15:30.123Z");

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoWorkOrderStore store;

    @Test
    void writesAnOrderWithEveryFieldAsSpringDataDoes() {
        WorkOrderDocument order = new WorkOrderDocument(UUID.randomUUID().toString(), "20261129000000001", Channel.COURT,
                "FG-1", "legal-aid", "劳动合同纠纷", "拖欠工资三个月", Urgency.URGENT,
                new Location("xingzhou", "星洲社区5幢", 30.27, 120.15, "grid-7"),
                new Requester("李四", "pii:v1:abc", "pii:v1:def"), AT, RequestStatus.IN_PROGRESS, "justice-office",
                new Deadlines(AT.plusSeconds(3600), AT.plusSeconds(86_400)), UUID.randomUUID().toString(),
                Satisfaction.BASICALLY_SATISFIED,
                List.of(new TimelineEntry(1, TimelineType.RECEIVED, AT, "channel", null, null),
                        new TimelineEntry(2, TimelineType.DISPATCHED, AT.plusMillis(5), "routing", "justice-office", "规则")),
                7, List.of("civil-affairs", "police"), List.of("sanitation"), true,
                new Supervision(AT, DeadlineKind.RESOLVE, EscalationLevel.REMINDER, AT.plusSeconds(7200)),
                new Duplicates(List.of(new Duplicates.Candidate(UUID.randomUUID(), "20261129000000002", 0.87)),
                        List.of("event-1", "event-2")),
                0.87, List.of(new OutboxEntry("e-1", "cn.onenet.request.received.v1", "k", "{\"a\":1}", "corr-1",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")),
                1, AT.plusSeconds(15), "relay/1", "hash-1", AT.plusSeconds(600), "policy-1", AT.plusSeconds(86_400),
                List.of("justice-office retry-1"), "pii:v1:ghi", "pii:v1:jkl", "justice-office", 2L, 3);

        assertWrittenAsSpringData(order);
    }

    @Test
    void writesAnOrderWithoutItsOptionalFieldsAsSpringDataDoes() {
        WorkOrderDocument order = new WorkOrderDocument(UUID.randomUUID().toString(), "20261129000000003",
                Channel.HOTLINE, null, "other", "无标题", "说明", Urgency.NORMAL,
                new Location("xingzhou", null, null, null, null), null, AT, RequestStatus.TRIAGE, null, null, null,
                null, Arrays.asList(new TimelineEntry(1, TimelineType.TRIAGED, AT, "routing", null, null)), 0, List.of(),
                List.of(), null, Supervision.NONE, Duplicates.NONE, 0.0, List.of(), 0, null, null, null, null, null,
                null, null, null, null, null, null, null);

        assertWrittenAsSpringData(order);
    }

    private void assertWrittenAsSpringData(WorkOrderDocument order) {
        Document bySpringData = new Document();
        mongo.getConverter().write(order, bySpringData);

        Document written = WorkOrderWriter.toDocument(order);

        assertThat(written).isEqualTo(bySpringData);
        assertThat(mongo.getConverter().read(WorkOrderDocument.class, written)).isEqualTo(order);
    }

    @Test
    void ordersNoDepartmentHoldsNoLongerNameTheOneThatLastDid() {
        String returned = UUID.randomUUID().toString();
        String rejected = UUID.randomUUID().toString();
        String held = UUID.randomUUID().toString();
        mongo.insert(order(returned).append("status", "RETURNED").append("department", "housing"),
                MongoWorkOrderStore.COLLECTION);
        mongo.insert(order(rejected).append("status", "REJECTED").append("department", "housing"),
                MongoWorkOrderStore.COLLECTION);
        mongo.insert(order(held).append("status", "ACKNOWLEDGED").append("department", "housing"),
                MongoWorkOrderStore.COLLECTION);

        try {
            assertThat(store.forgetDepartmentsOfOrdersNoneHolds()).isEqualTo(2);

            assertThat(stored(returned)).doesNotContainKey("department").containsEntry("status", "RETURNED");
            assertThat(stored(rejected)).doesNotContainKey("department");
            assertThat(stored(held)).containsEntry("department", "housing");
            assertThat(store.forgetDepartmentsOfOrdersNoneHolds()).isZero();
        }
        finally {
            // fragments of orders: no other test should meet them
            mongo.remove(Query.query(Criteria.where("_id").in(returned, rejected, held)),
                    MongoWorkOrderStore.COLLECTION);
        }
    }

    @Test
    void ordersStoredWithoutTheMomentTheyAreLateFromGetItAsTheirStatusAndDeadlinesGiveIt() {
        Deadlines deadlines = new Deadlines(AT.plusSeconds(3600), AT.plusSeconds(86_400));
        WorkOrderDocument notSignedFor = earlier(RequestStatus.DISPATCHED, deadlines);
        WorkOrderDocument signedFor = earlier(RequestStatus.IN_PROGRESS, deadlines);
        WorkOrderDocument resolved = earlier(RequestStatus.RESOLVED, deadlines);
        try {
            assertThat(store.recordLateFromOfEarlierOrders()).isGreaterThanOrEqualTo(2);

            assertThat(stored(notSignedFor.id()).getDate("lateFrom")).isEqualTo(Date.from(AT.plusSeconds(3600)));
            assertThat(stored(signedFor.id()).getDate("lateFrom")).isEqualTo(Date.from(AT.plusSeconds(86_400)));
            assertThat(stored(resolved.id())).doesNotContainKey("lateFrom");
            assertThat(stored(signedFor.id()).getLong("version")).isEqualTo(3);
            assertThat(store.recordLateFromOfEarlierOrders()).isZero();
        }
        finally {
            mongo.remove(Query.query(Criteria.where("_id").in(notSignedFor.id(), signedFor.id(), resolved.id())),
                    MongoWorkOrderStore.COLLECTION);
        }
    }

    @Test
    void ordersStoredWithoutTheDepartmentTheyWereLastDispatchedToAreListedByItAndGetIt() {
        Instant day = Instant.parse("2020-08-07T16:00:00Z"); // 2020-08-08 in Shanghai: no other test's day
        WorkOrder transferred = dispatched("housing", day.plusSeconds(60));
        transferred.transfer("civil-affairs", List.of(), deadlines(day), "不属本单位职责", "dispatcher:li", false,
                day.plusSeconds(120));
        WorkOrder returned = dispatched("housing", day.plusSeconds(180));
        returned.returnOrder("housing", "非本单位事项", day.plusSeconds(240));
        WorkOrder inTriage = WorkOrder.receive(accepted(day.plusSeconds(300)), day.plusSeconds(300));
        inTriage.sendToTriage("no rule", day.plusSeconds(300));
        List<String> ids = List.of(transferred, returned, inTriage).stream()
            .map(order -> storedWithoutDispatchedTo(order.state()))
            .toList();
        try {
            // before the pass: found by their timelines
            assertThat(listed("civil-affairs", day, true)).containsExactly(transferred.id());
            assertThat(listed("housing", day, true)).containsExactly(returned.id());
            assertThat(listed("housing", day, false)).as("by the field alone, which they lack").isEmpty();
            assertThat(listed(false, day, true)).containsExactly(inTriage.id());
            assertThat(listed(true, day, true)).containsExactly(returned.id(), transferred.id());

            assertThat(store.recordDispatchedToOfEarlierOrders()).isGreaterThanOrEqualTo(2);

            assertThat(stored(transferred.id().toString())).containsEntry("dispatchedTo", "civil-affairs");
            assertThat(stored(returned.id().toString())).containsEntry("dispatchedTo", "housing")
                .doesNotContainKey("department");
            assertThat(stored(inTriage.id().toString())).doesNotContainKey("dispatchedTo");
            assertThat(listed("civil-affairs", day, false)).containsExactly(transferred.id());
            assertThat(listed("housing", day, false)).containsExactly(returned.id());
            assertThat(listed(false, day, false)).containsExactly(inTriage.id());
            assertThat(listed(true, day, false)).containsExactly(returned.id(), transferred.id());
            assertThat(store.recordDispatchedToOfEarlierOrders()).isZero();
        }
        finally {
            mongo.remove(Query.query(Criteria.where("_id").in(ids)), MongoWorkOrderStore.COLLECTION);
        }
    }

    /** The orders of the day from {@code day} last dispatched to {@code department}. */
    private List<UUID> listed(String department, Instant day, boolean earlierOrdersLeft) {
        return listed(new WorkOrderStore.Filter(Set.of(), null, null, null, null, null, null, department, null, day,
                day.plus(Duration.ofDays(1)), null), earlierOrdersLeft);
    }

    /** The orders of the day from {@code day} ever dispatched ({@code dispatched}) or never, newest first. */
    private List<UUID> listed(boolean dispatched, Instant day, boolean earlierOrdersLeft) {
        return listed(new WorkOrderStore.Filter(Set.of(), null, null, null, null, null, null, null, dispatched, day,
                day.plus(Duration.ofDays(1)), null), earlierOrdersLeft);
    }

    private List<UUID> listed(WorkOrderStore.Filter filter, boolean earlierOrdersLeft) {
        return store.search(filter, null, 0, 100, earlierOrdersLeft).content().stream().map(WorkOrder.State::id)
            .toList();
    }

    @Test
    void ordersTheRequesterAskedAfterAreListedAsSuchAndThoseStoredWithoutTheCountGetIt() {
        Instant day = Instant.parse("2020-09-09T16:00:00Z"); // 2020-09-10 in Shanghai: no other test's day
        WorkOrder twice = dispatched("housing", day.plusSeconds(60));
        twice.followUp("又来电问进度", "operator:wang", day.plusSeconds(90));
        twice.followUp("第三次来电", "operator:wang", day.plusSeconds(100));
        WorkOrder never = dispatched("housing", day.plusSeconds(120));
        WorkOrder earlier = dispatched("civil-affairs", day.plusSeconds(180));
        earlier.followUp("来电催促", "operator:li", day.plusSeconds(200));
        mongo.insert(WorkOrderWriter.toDocument(WorkOrderDocument.of(twice.state(), List.of())),
                MongoWorkOrderStore.COLLECTION);
        mongo.insert(WorkOrderWriter.toDocument(WorkOrderDocument.of(never.state(), List.of())),
                MongoWorkOrderStore.COLLECTION);
        Document earlierDocument = WorkOrderWriter.toDocument(WorkOrderDocument.of(earlier.state(), List.of()));
        earlierDocument.remove("followUps");
        mongo.insert(earlierDocument, MongoWorkOrderStore.COLLECTION);
        mongo.getCollection(MongoWorkOrderStore.UPGRADES).deleteMany(new Document("_id", "followUps"));
        try {
            assertThat(stored(twice.id().toString())).containsEntry("followUps", 2);
            assertThat(stored(never.id().toString())).doesNotContainKey("followUps");
            assertThat(followedUp(true, day)).containsExactly(twice.id());
            assertThat(followedUp(false, day)).as("the earlier one lacks the count").containsExactly(earlier.id(),
                    never.id());

            assertThat(store.recordFollowUpsOfEarlierOrders()).isGreaterThanOrEqualTo(1);

            assertThat(stored(earlier.id().toString())).containsEntry("followUps", 1);
            assertThat(followedUp(true, day)).containsExactly(earlier.id(), twice.id());
            assertThat(followedUp(false, day)).containsExactly(never.id());
            earlierDocument = stored(earlier.id().toString());
            earlierDocument.remove("followUps");
            mongo.save(earlierDocument, MongoWorkOrderStore.COLLECTION);
            assertThat(store.recordFollowUpsOfEarlierOrders()).as("run through once: not again").isZero();
            assertThat(stored(earlier.id().toString())).doesNotContainKey("followUps");
        }
        finally {
            mongo.remove(Query.query(Criteria.where("_id").in(twice.id().toString(), never.id().toString(),
                    earlier.id().toString())), MongoWorkOrderStore.COLLECTION);
        }
    }

    /** The orders of the day from {@code day} the requester asked after ({@code followedUp}) or not, newest first. */
    private List<UUID> followedUp(boolean followedUp, Instant day) {
        return listed(new WorkOrderStore.Filter(Set.of(), null, null, null, null, null, null, null, null, day,
                day.plus(Duration.ofDays(1)), followedUp), false);
    }

    /** The order as a routing stored it before orders recorded the department they were last dispatched to. */
    private String storedWithoutDispatchedTo(WorkOrder.State order) {
        Document document = WorkOrderWriter.toDocument(WorkOrderDocument.of(order, List.of()));
        document.remove("dispatchedTo");
        mongo.insert(document, MongoWorkOrderStore.COLLECTION);
        return order.id().toString();
    }

    /** An order with a department's deadlines, as a routing stored it before orders recorded when they are late. */
    private WorkOrderDocument earlier(RequestStatus status, Deadlines deadlines) {
        String id = UUID.randomUUID().toString();
        WorkOrderDocument order = new WorkOrderDocument(id, "late-" + id, Channel.HOTLINE, null, "other", "路灯不亮",
                "说明", Urgency.NORMAL, new Location("xingzhou", null, null, null, null), null, AT, status, "housing",
                deadlines, null, null, List.of(new TimelineEntry(1, TimelineType.DISPATCHED, AT, "routing", "housing",
                        null)), 3, List.of(), List.of(), null, Supervision.NONE, Duplicates.NONE, 0.0, List.of(), 0, null,
                null, null, null, null, null, null, null, null, null, null, null);
        mongo.insert(WorkOrderWriter.toDocument(order), MongoWorkOrderStore.COLLECTION);
        return order;
    }

    private static Document order(String id) {
        return new Document("_id", id).append("trackingNumber", "mend-" + id);
    }

    private Document stored(String id) {
        return mongo.findById(id, Document.class, MongoWorkOrderStore.COLLECTION);
    }
}
