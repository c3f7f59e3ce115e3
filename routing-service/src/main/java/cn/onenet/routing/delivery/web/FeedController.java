package cn.onenet.routing.delivery.web;

import cn.onenet.contracts.security.AccessTable;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.security.CallerForbidden;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.routing.delivery.Deliveries;
import cn.onenet.routing.delivery.Delivery;
import cn.onenet.routing.delivery.EventBodies;
import cn.onenet.routing.delivery.Target;
import cn.onenet.routing.delivery.web.DeliveryViews.FeedView;
import cn.onenet.routing.sla.SlaProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pull side: a target's events in order, for systems that prefer asking to being called. Start without a
 * cursor, then send each answer's {@code nextCursor}; an empty page means nothing new yet. Entries stay for the
 * retention period ({@code onenet.delivery.retention}).
 */
@RestController
class FeedController {

    private static final String NOT_A_CURSOR = "must be a nextCursor this feed answered";

    private final Deliveries deliveries;
    private final DeliveryViews views;

    FeedController(Deliveries deliveries, SlaProperties sla, EventBodies bodies) {
        this.deliveries = deliveries;
        this.views = new DeliveryViews(sla.timeZone(), bodies);
    }

    /**
     * A channel or department system reads its own feed only (as the gateway checks, and here again for calls to
     * this service's own port); admins read any. One target a call (the starter refuses a target given twice).
     */
    @GetMapping("/api/v1/feed")
    FeedView feed(@RequestParam @NotBlank @KnownTarget String target,
            @RequestParam(required = false) @Pattern(regexp = "\\s*\\d{1,18}\\s*", message = NOT_A_CURSOR)
            String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        Target parsed = Target.parse(target);
        Caller caller = Caller.current();
        String own = AccessTable.ownFeed(caller.channel(), caller.department());
        if (caller.verified() && !caller.hasRole(Role.ADMIN) && !parsed.toString().equals(own)) {
            throw new CallerForbidden("A system reads its own feed only"
                    + (own == null ? "." : ": target=" + own + "."));
        }
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

    /** The position after which to read: 0 without a cursor (its form is the parameter's constraint). */
    private static long parseCursor(String cursor) {
        return cursor == null || cursor.isBlank() ? 0 : Long.parseLong(cursor.strip());
    }
}
