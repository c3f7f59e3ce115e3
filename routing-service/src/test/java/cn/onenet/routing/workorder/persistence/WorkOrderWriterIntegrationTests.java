package cn.onenet.routing.workorder.persistence;

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
import cn.onenet.routing.workorder.persistence.WorkOrderDocument.OutboxEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Orders are written without Spring Data's mapping ({@link WorkOrderWriter}) and read with it: the writer must
 * give exactly the document the service's own converter gives, field for field, for an order with every field set
 * and for one with none of the optional ones, and the converter must read it back as the same order.
 */
class WorkOrderWriterIntegrationTests extends RoutingIntegrationTestSupport {

    private static final Instant AT = Instant.parse("2026-11-29T08:15:30.123Z");

    @Autowired
    MongoTemplate mongo;

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
                1, AT.plusSeconds(15), "relay/1", "hash-1", AT.plusSeconds(600), "policy-1");

        assertWrittenAsSpringData(order);
    }

    @Test
    void writesAnOrderWithoutItsOptionalFieldsAsSpringDataDoes() {
        WorkOrderDocument order = new WorkOrderDocument(UUID.randomUUID().toString(), "20261129000000003",
                Channel.HOTLINE, null, "other", "无标题", "说明", Urgency.NORMAL,
                new Location("xingzhou", null, null, null, null), null, AT, RequestStatus.TRIAGE, null, null, null,
                null, Arrays.asList(new TimelineEntry(1, TimelineType.TRIAGED, AT, "routing", null, null)), 0, List.of(),
                List.of(), null, Supervision.NONE, Duplicates.NONE, 0.0, List.of(), 0, null, null, null, null, null);

        assertWrittenAsSpringData(order);
    }

    private void assertWrittenAsSpringData(WorkOrderDocument order) {
        Document bySpringData = new Document();
        mongo.getConverter().write(order, bySpringData);

        Document written = WorkOrderWriter.toDocument(order);

        assertThat(written).isEqualTo(bySpringData);
        assertThat(mongo.getConverter().read(WorkOrderDocument.class, written)).isEqualTo(order);
    }
}
