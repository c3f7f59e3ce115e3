package cn.onenet.routing.rules;

import cn.onenet.contracts.Urgency;
import cn.onenet.routing.reference.ReferenceData;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** On first start, a few rules that show what rules do beyond the catalogue. */
@Component
class DemoRules implements ApplicationRunner {

    private final RuleService rules;
    private final RuleStore store;
    private final ReferenceData referenceData;

    DemoRules(RuleService rules, RuleStore store, ReferenceData referenceData) {
        this.rules = rules;
        this.store = store;
        this.referenceData = referenceData;
    }

    @Override
    public void run(ApplicationArguments args) {
        // first start only: once anything was ever audited, an empty rule set is a supervisor's choice
        if (!store.findAll().isEmpty() || !store.auditTrail(null, 1).isEmpty()) {
            return;
        }
        rules.create(new RuleDraft("湖畔社区养老：社区居委会主办，民政协办", 100, true, Set.of("elderly-care"), Set.of("hupan"),
                Set.of(), Set.of(), Set.of(), List.of(), "hupan-committee", List.of("civil-affairs")), "system:demo-data");
        rules.create(new RuleDraft("涉诈线索一律派出所主办", 200, true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                List.of("诈骗", "骗子", "刷单", "冒充公检法"), "police-wenxin", List.of()), "system:demo-data");
        rules.create(new RuleDraft("紧急治安事件：派出所主办，街道协办", 300, true, Set.of("public-security"), Set.of(),
                Set.of(), Set.of(), Set.of(Urgency.EMERGENCY), List.of(), "police-wenxin", List.of("wenxin-street")),
                "system:demo-data");
        if (referenceData.communities().stream().noneMatch(community -> community.hasGrid("dejia-02"))) {
            return;
        }
        rules.create(new RuleDraft("德加第二网格（老旧小区）房屋维修：社区居委会主办，住建协办", 150, true, Set.of("housing-repair"),
                Set.of("dejia"), Set.of("dejia-02"), Set.of(), Set.of(), List.of(), "dejia-committee", List.of("housing")),
                "system:demo-data");
    }
}
