package cn.onenet.routing.rules;

import java.time.Instant;

/** One change to a rule, kept forever: who, when, what it was before and after. */
public record RuleChange(String ruleId, String action, String actor, Instant at, RoutingRule before, RoutingRule after) {
}
