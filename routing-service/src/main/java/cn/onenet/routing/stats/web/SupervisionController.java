package cn.onenet.routing.stats.web;

import cn.onenet.routing.reference.KnownDepartment;
import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.sla.SlaProperties;
import cn.onenet.routing.stats.OverdueOrder;
import cn.onenet.routing.stats.StatsService;
import cn.onenet.routing.stats.web.StatsViews.BacklogView;
import cn.onenet.routing.stats.web.StatsViews.OverdueView;
import cn.onenet.routing.stats.web.StatsViews.PageView;
import jakarta.validation.constraints.Min;
import java.time.ZoneId;
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

    /** Open orders past their sign-for or resolution deadline, most overdue first. */
    @GetMapping("/overdue")
    PageView<OverdueView> overdue(@RequestParam(required = false)
            @KnownDepartment(message = "is not a department code; see /api/v1/departments") String department,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "20") @Min(1) int size) {
        String code = department == null || department.isBlank() ? null : department.trim();
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        OverdueOrder.Page result = stats.overdue(code, page, cappedSize);
        StatsViews views = new StatsViews(zone, Names.of(reference));
        return new PageView<>(result.content().stream().map(views::overdue).toList(), page, cappedSize,
                result.totalElements());
    }

    /** Open orders per department: by status, by age since acceptance (<1, 1–3, 3–7, ≥7 days), how many are late. */
    @GetMapping("/backlog")
    BacklogView backlog() {
        return new StatsViews(zone, Names.of(reference)).backlog(stats.backlog());
    }
}
