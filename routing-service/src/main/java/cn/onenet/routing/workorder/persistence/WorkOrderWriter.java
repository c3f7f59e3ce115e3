package cn.onenet.routing.workorder.persistence;

import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.routing.sla.Deadlines;
import cn.onenet.routing.workorder.Duplicates;
import cn.onenet.routing.workorder.Supervision;
import cn.onenet.routing.workorder.TimelineEntry;
import cn.onenet.routing.workorder.persistence.WorkOrderDocument.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * An order as Spring Data would store it (the same fields, names and values; {@code WorkOrderWriterTests} compares
 * the two), written directly. Spring Data's mapping of each new order was the largest part of routing's CPU under
 * load (a third of the submission consumers' samples: property lookups, conversions, accessors for every field of
 * every nested record). Reading stays Spring Data's.
 */
final class WorkOrderWriter {

    /** The type hint Spring Data puts at the top of each document it writes. */
    private static final String TYPE_HINT = WorkOrderDocument.class.getName();

    private WorkOrderWriter() {
    }

    /** The whole document, as inserted. */
    static Document toDocument(WorkOrderDocument order) {
        Document document = new Document();
        put(document, "_id", order.id());
        put(document, "trackingNumber", order.trackingNumber());
        put(document, "channel", name(order.channel()));
        put(document, "externalId", order.externalId());
        put(document, "category", order.category());
        put(document, "title", order.title());
        put(document, "description", order.description());
        put(document, "titleSealed", order.titleSealed());
        put(document, "descriptionSealed", order.descriptionSealed());
        put(document, "urgency", name(order.urgency()));
        put(document, "location", location(order.location()));
        put(document, "requester", requester(order.requester()));
        put(document, "acceptedAt", date(order.acceptedAt()));
        put(document, "status", name(order.status()));
        put(document, "department", order.department());
        put(document, "deadlines", deadlines(order.deadlines()));
        put(document, "mergedInto", order.mergedInto());
        put(document, "satisfaction", name(order.satisfaction()));
        put(document, "timeline", list(order.timeline(), WorkOrderWriter::timelineEntry));
        document.put("version", order.version());
        put(document, "coDepartments", list(order.coDepartments(), value -> value));
        put(document, "returnedBy", list(order.returnedBy(), value -> value));
        put(document, "reportKeys", list(order.reportKeys(), value -> value));
        put(document, "finalRuling", order.finalRuling());
        put(document, "supervision", supervision(order.supervision()));
        put(document, "duplicates", duplicates(order.duplicates()));
        put(document, "topDuplicateScore", order.topDuplicateScore());
        put(document, "outbox", list(order.outbox(), WorkOrderWriter::outboxEntry));
        document.put("pendingCount", order.pendingCount());
        put(document, "leaseUntil", date(order.leaseUntil()));
        put(document, "leaseOwner", order.leaseOwner());
        put(document, "phoneHash", order.phoneHash());
        put(document, "escalateAt", date(order.escalateAt()));
        put(document, "escalationPolicy", order.escalationPolicy());
        put(document, "lateFrom", date(order.lateFrom()));
        put(document, "dispatchedTo", order.dispatchedTo());
        put(document, "holds", order.holds());
        put(document, "followUps", order.followUps());
        document.put("_class", TYPE_HINT);
        return document;
    }

    /** One outbox entry, as pushed onto an order's outbox. */
    static Document outboxEntry(OutboxEntry entry) {
        Document document = new Document();
        put(document, "eventId", entry.eventId());
        put(document, "type", entry.type());
        put(document, "key", entry.key());
        put(document, "payload", entry.payload());
        put(document, "correlationId", entry.correlationId());
        put(document, "traceparent", entry.traceparent());
        return document;
    }

    private static Document location(Location location) {
        if (location == null) {
            return null;
        }
        Document document = new Document();
        put(document, "community", location.community());
        put(document, "address", location.address());
        put(document, "latitude", location.latitude());
        put(document, "longitude", location.longitude());
        put(document, "grid", location.grid());
        return document;
    }

    private static Document requester(Requester requester) {
        if (requester == null) {
            return null;
        }
        Document document = new Document();
        put(document, "name", requester.name());
        put(document, "phone", requester.phone());
        put(document, "idNumber", requester.idNumber());
        return document;
    }

    private static Document deadlines(Deadlines deadlines) {
        if (deadlines == null) {
            return null;
        }
        Document document = new Document();
        put(document, "acknowledgeBy", date(deadlines.acknowledgeBy()));
        put(document, "resolveBy", date(deadlines.resolveBy()));
        return document;
    }

    private static Document timelineEntry(TimelineEntry entry) {
        Document document = new Document();
        document.put("sequence", entry.sequence());
        put(document, "type", name(entry.type()));
        put(document, "at", date(entry.at()));
        put(document, "actor", entry.actor());
        put(document, "department", entry.department());
        put(document, "note", entry.note());
        return document;
    }

    private static Document supervision(Supervision supervision) {
        if (supervision == null) {
            return null;
        }
        Document document = new Document();
        put(document, "clockStartedAt", date(supervision.clockStartedAt()));
        put(document, "kind", name(supervision.kind()));
        put(document, "level", name(supervision.level()));
        put(document, "extensionRequestedUntil", date(supervision.extensionRequestedUntil()));
        return document;
    }

    private static Document duplicates(Duplicates duplicates) {
        if (duplicates == null) {
            return null;
        }
        Document document = new Document();
        put(document, "candidates", list(duplicates.candidates(), candidate -> {
            Document found = new Document();
            put(found, "_id", candidate.id());
            put(found, "trackingNumber", candidate.trackingNumber());
            found.put("score", candidate.score());
            return found;
        }));
        put(document, "followedEventIds", list(duplicates.followedEventIds(), value -> value));
        return document;
    }

    private static <T> List<Object> list(List<T> values, Function<? super T, ?> write) {
        if (values == null) {
            return null;
        }
        List<Object> written = new ArrayList<>(values.size());
        for (T value : values) {
            written.add(value == null ? null : write.apply(value));
        }
        return written;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /** Spring Data leaves out a property that is null. */
    private static void put(Document document, String name, Object value) {
        if (value != null) {
            document.put(name, value);
        }
    }
}
