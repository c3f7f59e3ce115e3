package cn.onenet.routing.rules;

import java.util.List;
import java.util.Optional;

/** Where rules and their audit trail are kept. */
public interface RuleStore {

    List<RoutingRule> findAll();

    Optional<RoutingRule> find(String id);

    /** Stores a new rule. */
    void insert(RoutingRule rule);

    /** Writes {@code after} over the rule if it is still at {@code revision}; answers whether it was. */
    boolean replace(long revision, RoutingRule after);

    /** Removes the rule if it is still at {@code revision}; answers whether it was. */
    boolean delete(String id, long revision);

    long nextSequence();

    void audit(RuleChange change);

    List<RuleChange> auditTrail(String ruleId, int limit);
}
