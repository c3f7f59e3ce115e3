package cn.onenet.routing.delivery.web;

import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.routing.delivery.Deliveries;
import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.Target;
import cn.onenet.routing.delivery.web.DeliveryViews.FeedView;
import cn.onenet.routing.sla.SlaProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pull side: a target's events in order, for systems that prefer asking to being called. Start without a
 * cursor, then send each answer's {@code nextCursor}; an empty page means nothing new yet. Entries stay for the
 * retention period ({@code onenet.delivery.retention}).
 */
@RestController
class FeedController {

    private final Deliveries deliveries;
    private final DeliveryViews views;

    FeedController(Deliveries deliveries, SlaProperties sla, JsonMapper json) {
        this.deliveries = deliveries;
        this.views = new DeliveryViews(sla.timeZone(), json);
    }

    @GetMapping("/api/v1/feed")
    FeedView feed(@RequestParam @NotBlank String target, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Target parsed = Target.parse(target);
        long after = parseCursor(cursor);
        List<Delivery> entries = deliveries.feed(parsed, after, limit);
        long head = entries.isEmpty() && after > 0 ? deliveries.feedHead(parsed) : after;
        if (after > head) {
            // a cursor from another feed, or mangled: answered empty, it skipped every event up to it unnoticed
            throw new InvalidRequest(List.of(new FieldProblem("cursor", "is past the end of this feed (its last"
                    + " position is " + head + "): send a nextCursor this feed answered")));
        }
        long next = entries.isEmpty() ? after : entries.get(entries.size() - 1).position();
        return new FeedView(parsed.toString(), entries.stream().map(views::feedEntry).toList(), Long.toString(next));
    }

    private static long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(cursor.strip());
            if (position >= 0) {
                return position;
            }
        }
        catch (NumberFormatException ex) {
            // answered below
        }
        throw new InvalidRequest(List.of(new FieldProblem("cursor", "must be a nextCursor this feed answered")));
    }
}
