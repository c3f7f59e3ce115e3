package cn.onenet.routing;

import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** One page of a query's matches, for the lists the API pages through. */
public final class MongoPages {

    private MongoPages() {
    }

    /**
     * Page {@code page} of {@code size} of the documents {@code query} matches, in the query's sort; none when the
     * page begins at or past {@code total}, however far: the driver takes the number to skip as an int, and a page
     * number times the size beyond its range wrapped round to the first pages ({@code ?page=21474837&size=100}
     * listed the first orders).
     */
    public static <T> List<T> page(MongoTemplate mongo, Query query, long total, int page, int size, Class<T> type,
            String collection) {
        return page(mongo, query, total, page, size, size, type, collection);
    }

    /**
     * As {@link #page}, with the document after the page as well if there is one: whether another page follows is
     * then known without counting. For a list read on after a position ({@code positioned}: {@code query}'s criteria
     * start after it), the first {@code size} + 1 of its matches, whatever {@code page} says.
     */
    public static <T> List<T> pageAndOneMore(MongoTemplate mongo, Query query, boolean positioned, long total,
            int page, int size, Class<T> type, String collection) {
        return positioned ? mongo.find(query.limit(size + 1), type, collection)
                : page(mongo, query, total, page, size, size + 1, type, collection);
    }

    private static <T> List<T> page(MongoTemplate mongo, Query query, long total, int page, int size, int limit,
            Class<T> type, String collection) {
        long skip = (long) page * size;
        if (skip >= total) {
            return List.of();
        }
        return mongo.find(query.skip(skip).limit(limit), type, collection);
    }
}
