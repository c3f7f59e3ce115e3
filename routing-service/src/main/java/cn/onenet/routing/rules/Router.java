package cn.onenet.routing.rules;

import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.ReferenceData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Decides where a request goes: the highest-priority enabled rule that matches, else the catalogue's
 * responsible department, else triage. Departments that already returned the order are passed over. A change
 * made through this instance applies at once; one made through another instance within {@link #REFRESH}.
 */
@Service
public class Router {

    static final Comparator<RoutingRule> PRECEDENCE = Comparator.comparingInt(RoutingRule::priority).reversed()
        .thenComparingLong(RoutingRule::createdSequence);

    /** How soon a rule change made through another instance is applied here. */
    static final Duration REFRESH = Duration.ofSeconds(15);

    private final RuleStore store;
    private final ReferenceData referenceData;
    private final Clock clock;
    private volatile List<RoutingRule> rules;
    private volatile Instant loadedAt = Instant.MIN;

    Router(RuleStore store, ReferenceData referenceData, Clock clock) {
        this.store = store;
        this.referenceData = referenceData;
        this.clock = clock;
    }

    public RouteDecision decide(RoutingRule.Facts facts, Set<String> excluded) {
        for (RoutingRule rule : rules()) {
            if (rule.matches(facts) && !excluded.contains(rule.leadDepartment())
                    && referenceData.hasDepartment(rule.leadDepartment())) {
                return new RouteDecision(rule.leadDepartment(),
                        rule.coDepartments().stream().filter(code -> !excluded.contains(code)).toList(),
                        RouteDecision.Source.RULE, rule.id(), rule.name(), RouteReasons.byRule(rule.name()));
            }
        }
        Optional<Category> category = referenceData.category(facts.category());
        Optional<String> responsible = category.flatMap(Category::responsibleDepartment)
            .filter(referenceData::hasDepartment);
        if (responsible.isPresent() && !excluded.contains(responsible.get())) {
            return new RouteDecision(responsible.get(), List.of(), RouteDecision.Source.CATALOGUE, null, null,
                    RouteReasons.byCatalogue(facts.category(), responsible.get()));
        }
        String reason;
        if (category.isEmpty()) {
            reason = RouteReasons.notInCatalogue(facts.category());
        }
        else if (responsible.isPresent()) {
            reason = RouteReasons.everyDepartmentReturned(excluded);
        }
        else {
            reason = RouteReasons.noDepartmentFor(facts.category());
        }
        return new RouteDecision(null, List.of(), RouteDecision.Source.TRIAGE, null, null, reason);
    }

    List<RoutingRule> rules() {
        List<RoutingRule> current = rules;
        if (current == null || clock.instant().isAfter(loadedAt.plus(REFRESH))) {
            current = store.findAll().stream().sorted(PRECEDENCE).toList();
            rules = current;
            loadedAt = clock.instant();
        }
        return current;
    }

    /** Forget the cached rules after a change, so the next decision reads the new ones. */
    void reload() {
        rules = null;
    }
}
