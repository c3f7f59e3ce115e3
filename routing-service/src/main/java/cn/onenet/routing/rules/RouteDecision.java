package cn.onenet.routing.rules;

import java.util.List;

/**
 * Where a request goes and why: by a rule, by the catalogue's responsible department, or to triage.
 *
 * @param department the lead department, {@code null} for triage
 * @param ruleId the rule that decided, {@code null} when the catalogue or nothing decided
 * @param reason a sentence a dispatcher can read
 */
public record RouteDecision(String department, List<String> coDepartments, Source source, String ruleId,
        String ruleName, String reason) {

    public enum Source {
        RULE, CATALOGUE, TRIAGE
    }

    public boolean routed() {
        return department != null;
    }
}
