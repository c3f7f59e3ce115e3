package cn.onenet.routing.sla.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import cn.onenet.routing.sla.CalendarChange;
import cn.onenet.routing.sla.CalendarStore;
import cn.onenet.routing.sla.CalendarYear;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * {@code calendar_years}, one document per year keyed by the year, and the append-only {@code calendar_audit}.
 * Dates are kept as ISO strings ({@code 2026-10-01}), so no time zone of any JVM can shift a holiday by a day.
 */
@Repository
class MongoCalendarStore implements CalendarStore {

    static final String YEARS = "calendar_years";
    static final String AUDIT = "calendar_audit";

    private final MongoTemplate mongo;

    MongoCalendarStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<CalendarYear> findAll() {
        return mongo.getCollection(YEARS).find().map(MongoCalendarStore::toYear).into(new ArrayList<>());
    }

    @Override
    public Optional<CalendarYear> find(int year) {
        return Optional.ofNullable(mongo.getCollection(YEARS).find(Filters.eq("_id", year)).first())
            .map(MongoCalendarStore::toYear);
    }

    /** A new year is inserted (a year stored meanwhile refuses it); a change replaces the year only as it was read. */
    @Override
    public boolean write(CalendarYear before, CalendarYear after) {
        Document replacement = toDocument(after).append("_id", after.year());
        if (before == null) {
            try {
                mongo.getCollection(YEARS).insertOne(replacement);
                return true;
            }
            catch (MongoWriteException ex) {
                if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw ex;
            }
        }
        Document asRead = new Document("_id", before.year()).append("updatedAt", date(before.updatedAt()))
            .append("updatedBy", before.updatedBy()).append("source", before.source())
            .append("status", before.status().name());
        return mongo.getCollection(YEARS).replaceOne(asRead, replacement).getMatchedCount() > 0;
    }

    @Override
    public void audit(CalendarChange change) {
        mongo.getCollection(AUDIT).insertOne(new Document("year", change.year()).append("actor", change.actor())
            .append("at", Date.from(change.at()))
            .append("before", change.before() == null ? null : toDocument(change.before()))
            .append("after", change.after() == null ? null : toDocument(change.after())));
    }

    @Override
    public List<CalendarChange> auditTrail(int year, int limit) {
        Query query = Query.query(where("year").is(year)).with(Sort.by(Sort.Direction.DESC, "at")).limit(limit);
        return mongo.find(query, Document.class, AUDIT).stream()
            .map(d -> new CalendarChange(d.getInteger("year"), d.getString("actor"), d.getDate("at").toInstant(),
                    d.get("before", Document.class) == null ? null : toYear(d.get("before", Document.class)),
                    d.get("after", Document.class) == null ? null : toYear(d.get("after", Document.class))))
            .toList();
    }

    private static Document toDocument(CalendarYear year) {
        return new Document("year", year.year()).append("status", year.status().name()).append("source", year.source())
            .append("holidays", days(year.holidays())).append("workdays", days(year.workdays()))
            .append("updatedAt", date(year.updatedAt()))
            .append("updatedBy", year.updatedBy());
    }

    private static List<Document> days(List<CalendarYear.Day> days) {
        return days.stream().map(day -> new Document("date", day.date().toString()).append("name", day.name())).toList();
    }

    private static CalendarYear toYear(Document d) {
        Date updatedAt = d.getDate("updatedAt");
        return new CalendarYear(d.getInteger("year"), CalendarYear.Status.valueOf(d.getString("status")), d.getString("source"),
                fromDocuments(d.getList("holidays", Document.class)), fromDocuments(d.getList("workdays", Document.class)),
                updatedAt == null ? null : updatedAt.toInstant(), d.getString("updatedBy"));
    }

    private static List<CalendarYear.Day> fromDocuments(List<Document> days) {
        return days == null ? List.of() : days.stream()
            .map(day -> new CalendarYear.Day(LocalDate.parse(day.getString("date")), day.getString("name"))).toList();
    }

    private static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }
}
