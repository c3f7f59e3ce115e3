package cn.onenet.routing.stats.web;

import cn.onenet.routing.ListTokens;
import cn.onenet.routing.reference.KnownDepartment;
import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.sla.SlaProperties;
import cn.onenet.routing.stats.OverdueOrder;
import cn.onenet.routing.stats.StatsService;
import cn.onenet.routing.stats.web.StatsViews.BacklogView;
import cn.onenet.routing.stats.web.StatsViews.OverdueView;
import cn.onenet.routing.stats.web.StatsViews.PageView;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What supervisors (督办) watch: orders past a deadline, and each department's open orders by status and age. */
@RestController
@RequestMapping("/api/v1/supervision")
class SupervisionController {

    static final int MAX_PAGE_SIZE = 100;

    private final StatsService stats;
    private final ReferenceData reference;
    private final ZoneId zone;

    SupervisionController(StatsService stats, ReferenceData reference, SlaProperties sla) {
        this.stats = stats;
        this.reference = reference;
        this.zone = sla.timeZone();
    }

    /**
     * Open orders past their sign-for or resolution deadline, most overdue first (then the earliest accepted, then by
     * id). Each page says where the next one starts ({@code next}); read with {@code after=<next>} (and the same
     * {@code department}), it continues with the orders after the page's last, wherever orders were resolved or fell
     * late meanwhile: a page number counts from the top again, so that a page of orders signed for or resolved made
     * the next skip as many.
     */
    @GetMapping("/overdue")
    PageView<OverdueView> overdue(@RequestParam(required = false)
            @KnownDepartment(message = "is not a department code; see /api/v1/departments") String department,
            @RequestParam(required = false) @Size(max = 128) String after,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "20") @Min(1) int size,
            @RequestParam MultiValueMap<String, String> parameters) {
        String code = department == null || department.isBlank() ? null : department.trim();
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        OverdueOrder.Position position = ListTokens.after(after, parameters, SupervisionController::read, "list");
        OverdueOrder.Page result = stats.overdue(code, position, page, cappedSize);
        StatsViews views = new StatsViews(zone, Names.of(reference));
        return new PageView<>(result.content().stream().map(views::overdue).toList(), page, cappedSize,
                result.totalElements(), result.next() == null ? null : token(result.next()));
    }

    /** A place in the overdue list as a token ({@link ListTokens}): its due moment, acceptance (if any) and id. */
    private static String token(OverdueOrder.Position position) {
        return ListTokens.token(ListTokens.part(position.due()),
                position.acceptedAt() == null ? "" : ListTokens.part(position.acceptedAt()),
                position.id().toString());
    }

    /** The place {@code token} names; empty if it is not one {@link #token} made. */
    private static Optional<OverdueOrder.Position> read(String token) {
        return ListTokens.read(token, 3, parts -> new OverdueOrder.Position(ListTokens.instant(parts.get(0)),
                parts.get(1).isEmpty() ? null : ListTokens.instant(parts.get(1)), UUID.fromString(parts.get(2))));
    }


    /** Open orders per department: by status, by age since acceptance (<1, 1–3, 3–7, ≥7 days), how many are late. */
    @GetMapping("/backlog")
    BacklogView backlog() {
        return new StatsViews(zone, Names.of(reference)).backlog(stats.backlog());
    }
}
