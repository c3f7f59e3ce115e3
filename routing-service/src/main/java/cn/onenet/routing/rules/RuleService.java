package cn.onenet.routing.rules;

import cn.onenet.routing.reference.Community;
import cn.onenet.routing.reference.ReferenceData;
import java.time.Clock;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creates, changes and removes rules, each change validated against the reference data and audited. A change
 * applies to requests routed after it: orders already dispatched stay where they are.
 */
@Service
public class RuleService {

    /** How often a change is tried again over a rule changed meanwhile before the caller is told to retry. */
    static final int ATTEMPTS = 10;

    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    private final RuleStore store;
    private final Router router;
    private final ReferenceData referenceData;
    private final Clock clock;

    RuleService(RuleStore store, Router router, ReferenceData referenceData, Clock clock) {
        this.store = store;
        this.router = router;
        this.referenceData = referenceData;
        this.clock = clock;
    }

    public List<RoutingRule> list() {
        return store.findAll().stream().sorted(Router.PRECEDENCE).toList();
    }

    public RoutingRule get(String id) {
        return store.find(id).orElseThrow(() -> new RuleNotFound(id));
    }

    public RoutingRule create(RuleDraft draft, String actor) {
        validate(draft);
        RoutingRule rule = toRule(UUID.randomUUID().toString(), draft, store.nextSequence(), 1);
        store.insert(rule);
        changed(new RuleChange(rule.id(), "CREATED", actor, clock.instant(), null, rule));
        return rule;
    }

    /**
     * Replaces the rule, over the version read: changed meanwhile, it is read again and replaced over that (the
     * audit's "before" is always what was replaced); deleted meanwhile, 404 — a change never brings a rule back.
     */
    public RoutingRule update(String id, RuleDraft draft, String actor) {
        validate(draft);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RoutingRule before = get(id);
            RoutingRule after = toRule(id, draft, before.createdSequence(), before.revision() + 1);
            if (store.replace(before.revision(), after)) {
                changed(new RuleChange(id, "UPDATED", actor, clock.instant(), before, after));
                return after;
            }
        }
        throw new RuleContended(id);
    }

    /** Removes the rule as it stands (changed meanwhile: read again); removed by someone else meanwhile: 404. */
    public void delete(String id, String actor) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RoutingRule before = get(id);
            if (store.delete(id, before.revision())) {
                changed(new RuleChange(id, "DELETED", actor, clock.instant(), before, null));
                return;
            }
        }
        throw new RuleContended(id);
    }

    public List<RuleChange> auditTrail(String ruleId, int limit) {
        return store.auditTrail(ruleId, limit);
    }

    /**
     * Where a request with these facts would go. Codes the reference data doesn't know are refused (400), as intake
     * refuses them: a misspelt grid answered as if no grid rule applied.
     */
    public RouteDecision dryRun(RoutingRule.Facts facts) {
        List<Map.Entry<String, String>> problems = problems(facts);
        if (!problems.isEmpty()) {
            throw new InvalidRule(problems);
        }
        return router.decide(facts, java.util.Set.of());
    }

    /**
     * The facts of a dry run that name no known category, community or grid, each with the field to name (empty when
     * all are known). Missing values are the body's to report.
     */
    public List<Map.Entry<String, String>> problems(RoutingRule.Facts facts) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (given(facts.category()) && referenceData.category(facts.category()).isEmpty()) {
            problems.add(new SimpleEntry<>("category", "no category " + facts.category()
                    + " (see GET /api/v1/catalogue)"));
        }
        Optional<Community> community = referenceData.communities().stream()
            .filter(known -> known.code().equals(facts.community()))
            .findFirst();
        if (given(facts.community()) && community.isEmpty()) {
            problems.add(new SimpleEntry<>("community", "no community " + facts.community()
                    + " (see GET /api/v1/communities)"));
        }
        if (given(facts.grid()) && !given(facts.community())
                && referenceData.communities().stream().noneMatch(known -> known.hasGrid(facts.grid()))) {
            problems.add(new SimpleEntry<>("grid", "no grid " + facts.grid() + " (see GET /api/v1/communities)"));
        }
        if (given(facts.grid()) && community.isPresent() && !community.get().hasGrid(facts.grid())) {
            problems.add(new SimpleEntry<>("grid", "no grid " + facts.grid() + " in " + facts.community()
                    + " (see GET /api/v1/communities)"));
        }
        return problems;
    }

    private void changed(RuleChange change) {
        store.audit(change);
        router.reload();
        log.info("Routing rule {} {} by {}", change.ruleId(), change.action(), change.actor());
    }

    private static RoutingRule toRule(String id, RuleDraft draft, long sequence, long revision) {
        return new RoutingRule(id, draft.name().trim(), draft.priority(), draft.enabled(), draft.categories(),
                draft.communities(), draft.grids(), draft.channels(), draft.urgencies(),
                draft.keywords().stream().map(String::trim).filter(k -> !k.isEmpty()).toList(), draft.leadDepartment(),
                draft.coDepartments(), sequence, revision);
    }

    private void validate(RuleDraft draft) {
        List<Map.Entry<String, String>> problems = problems(draft);
        if (!problems.isEmpty()) {
            throw new InvalidRule(problems);
        }
    }

    /**
     * What in a draft refers to no known department, category, community or grid (or to a grid outside the rule's
     * communities), each with the field to name: empty when every reference is known. Missing and blank values are
     * the body's to report, so a body can be judged here whole, with its other problems (one 400).
     */
    public List<Map.Entry<String, String>> problems(RuleDraft draft) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (given(draft.leadDepartment()) && !referenceData.hasDepartment(draft.leadDepartment())) {
            problems.add(new SimpleEntry<>("leadDepartment", "no department " + draft.leadDepartment()
                    + " (see GET /api/v1/departments)"));
        }
        List<String> co = draft.coDepartments();
        for (int i = 0; i < co.size(); i++) {
            if (!given(co.get(i))) {
                continue;
            }
            if (!referenceData.hasDepartment(co.get(i))) {
                problems.add(new SimpleEntry<>("coDepartments[" + i + "]", "no department " + co.get(i)));
            }
            else if (co.get(i).equals(draft.leadDepartment())) {
                problems.add(new SimpleEntry<>("coDepartments[" + i + "]", "is already the lead department"));
            }
        }
        List<String> named = co.stream().filter(RuleService::given).toList();
        if (named.stream().distinct().count() != named.size()) {
            problems.add(new SimpleEntry<>("coDepartments", "names a department twice"));
        }
        for (String category : draft.categories()) {
            if (given(category) && referenceData.category(category).isEmpty()) {
                problems.add(new SimpleEntry<>("categories", "no category " + category + " (see GET /api/v1/catalogue)"));
            }
        }
        for (String community : draft.communities()) {
            if (given(community)
                    && referenceData.communities().stream().noneMatch(known -> known.code().equals(community))) {
                problems.add(new SimpleEntry<>("communities", "no community " + community
                        + " (see GET /api/v1/communities)"));
            }
        }
        for (String grid : draft.grids()) {
            if (!given(grid)) {
                continue;
            }
            Optional<Community> of = referenceData.communities().stream().filter(known -> known.hasGrid(grid)).findFirst();
            if (of.isEmpty()) {
                problems.add(new SimpleEntry<>("grids", "no grid " + grid + " (see GET /api/v1/communities)"));
            }
            else if (!draft.communities().isEmpty() && !draft.communities().contains(of.get().code())) {
                problems.add(new SimpleEntry<>("grids", "grid " + grid + " is in " + of.get().code()
                        + ", not in the rule's communities"));
            }
        }
        return problems;
    }

    /** A code to look up: blank, missing or over 64 characters is the body's to refuse (and not to echo). */
    private static boolean given(String value) {
        return value != null && !value.isBlank() && value.length() <= 64;
    }
}
