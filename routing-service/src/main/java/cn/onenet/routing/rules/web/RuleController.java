package cn.onenet.routing.rules.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.ProblemHandler;
import cn.onenet.routing.rules.InvalidRule;
import cn.onenet.routing.rules.RouteDecision;
import cn.onenet.routing.rules.RoutingRule;
import cn.onenet.routing.rules.RuleChange;
import cn.onenet.routing.rules.RuleDraft;
import cn.onenet.routing.rules.RuleContended;
import cn.onenet.routing.rules.RuleNotFound;
import cn.onenet.routing.rules.RuleService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routing rules. The actor recorded in the audit trail is the token's subject (without token checks: the
 * {@code X-Actor} header, or {@code anonymous}).
 */
@RestController
@RequestMapping("/api/v1/rules")
class RuleController {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final RuleService rules;

    RuleController(RuleService rules) {
        this.rules = rules;
    }

    @KnownReferences
    // lists, not sets, as read: each value is named by its place (categories[1]), also one that can't be read
    record RuleBody(@NotBlank @Size(max = 100) String name, @Min(0) @Max(10_000) int priority, Boolean enabled,
            List<@NotBlank @Size(max = 64) String> categories, List<@NotBlank @Size(max = 64) String> communities,
            List<@NotBlank @Size(max = 64) String> grids, List<@NotNull Channel> channels,
            List<@NotNull Urgency> urgencies, @Size(max = 20) List<@NotBlank @Size(max = 50) String> keywords,
            @NotBlank @Size(max = 64) String leadDepartment, @Size(max = 5) List<@NotBlank String> coDepartments) {

        RuleDraft draft() {
            return new RuleDraft(name, priority, enabled == null || enabled, set(categories), set(communities),
                    set(grids), set(channels), set(urgencies), keywords == null ? List.of() : keywords,
                    leadDepartment, coDepartments == null ? List.of() : coDepartments);
        }

        private static <T> Set<T> set(List<T> values) {
            return values == null ? Set.of() : new LinkedHashSet<>(values);
        }
    }

    @KnownReferences
    record DryRunBody(@NotBlank @Size(max = 64) String category, @Size(max = 64) String community,
            @Size(max = 64) String grid, Channel channel,
            Urgency urgency, @Size(max = 100) String title, @Size(max = 2000) String description) {

        RoutingRule.Facts facts() {
            return new RoutingRule.Facts(category, community, grid, channel, urgency == null ? Urgency.NORMAL : urgency,
                    title, description);
        }
    }

    record RuleView(String id, String name, int priority, boolean enabled, Set<String> categories, Set<String> communities,
            Set<String> grids, Set<Channel> channels, Set<Urgency> urgencies, List<String> keywords, String leadDepartment,
            List<String> coDepartments) {

        static RuleView of(RoutingRule rule) {
            return rule == null ? null : new RuleView(rule.id(), rule.name(), rule.priority(), rule.enabled(),
                    rule.categories(), rule.communities(), rule.grids(), rule.channels(), rule.urgencies(), rule.keywords(),
                    rule.leadDepartment(), rule.coDepartments());
        }
    }

    record ChangeView(String ruleId, String action, String actor, OffsetDateTime at, RuleView before, RuleView after) {

        static ChangeView of(RuleChange change) {
            return new ChangeView(change.ruleId(), change.action(), change.actor(), change.at().atZone(ZONE).toOffsetDateTime(),
                    RuleView.of(change.before()), RuleView.of(change.after()));
        }
    }

    record DecisionView(String outcome, String department, List<String> coDepartments, String ruleId, String ruleName,
            String reason) {
    }

    @GetMapping
    List<RuleView> list() {
        return rules.list().stream().map(RuleView::of).toList();
    }

    @GetMapping("/{id}")
    RuleView get(@PathVariable String id) {
        return RuleView.of(rules.get(id));
    }

    @PostMapping
    ResponseEntity<RuleView> create(@Valid @RequestBody RuleBody body, @RequestHeader(name = "X-Actor", required = false) String actor) {
        RoutingRule rule = rules.create(body.draft(), actor(actor));
        return ResponseEntity.created(URI.create("/api/v1/rules/" + rule.id())).body(RuleView.of(rule));
    }

    @PutMapping("/{id}")
    RuleView update(@PathVariable String id, @Valid @RequestBody RuleBody body,
            @RequestHeader(name = "X-Actor", required = false) String actor) {
        return RuleView.of(rules.update(id, body.draft(), actor(actor)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @RequestHeader(name = "X-Actor", required = false) String actor) {
        rules.delete(id, actor(actor));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/audit")
    List<ChangeView> audit(@PathVariable String id, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<ChangeView> trail = rules.auditTrail(id, limit).stream().map(ChangeView::of).toList();
        if (trail.isEmpty()) {
            rules.get(id); // a rule that never was answers 404, as reading it does; a deleted one's trail stays
        }
        return trail;
    }

    @GetMapping("/audit")
    List<ChangeView> auditAll(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return rules.auditTrail(null, limit).stream().map(ChangeView::of).toList();
    }

    /** Where would this request go, and by which rule? Changes nothing. */
    @PostMapping("/dry-run")
    DecisionView dryRun(@Valid @RequestBody DryRunBody body) {
        RouteDecision decision = rules.dryRun(body.facts());
        return new DecisionView(decision.routed() ? "DISPATCHED" : "TRIAGE", decision.department(),
                decision.coDepartments(), decision.ruleId(), decision.ruleName(), decision.reason());
    }

    @ExceptionHandler(InvalidRule.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRule ex) {
        return ProblemHandler.invalidFields(ex.problems().stream().map(p -> new FieldProblem(p.getKey(), p.getValue())).toList());
    }

    @ExceptionHandler(RuleNotFound.class)
    ResponseEntity<ProblemDetail> notFound(RuleNotFound ex) {
        return ProblemHandler.respond(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Rule not found", ex.getMessage());
    }

    @ExceptionHandler(RuleContended.class)
    ResponseEntity<ProblemDetail> contended(RuleContended ex) {
        return ProblemHandler.respond(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "The rule is being changed by others",
                ex.getMessage());
    }

    private static String actor(String header) {
        return Caller.current().auditActor(header);
    }
}
