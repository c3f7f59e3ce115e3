package cn.onenet.routing.rules;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import java.util.List;
import java.util.Set;

/** What a supervisor writes when creating or changing a rule. */
public record RuleDraft(String name, int priority, boolean enabled, Set<String> categories, Set<String> communities,
        Set<String> grids, Set<Channel> channels, Set<Urgency> urgencies, List<String> keywords, String leadDepartment,
        List<String> coDepartments) {
}
