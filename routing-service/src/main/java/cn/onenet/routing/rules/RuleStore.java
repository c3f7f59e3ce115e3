package cn.onenet.routing.rules;

import java.util.List;
import java.util.Optional;

/** Where rules and their audit trail are kept. */
public interface RuleStore {

    List<RoutingRule> findAll();

    Optional<RoutingRule> find(String id);

    void save(RoutingRule rule);

    boolean delete(String id);

    long nextSequence();

    void audit(RuleChange change);

    List<RuleChange> auditTrail(String ruleId, int limit);
}
