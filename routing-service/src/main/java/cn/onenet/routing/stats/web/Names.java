package cn.onenet.routing.stats.web;

import cn.onenet.contracts.Channel;
import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.Community;
import cn.onenet.routing.reference.Department;
import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.stats.GroupBy;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** The Chinese names of the codes rows are keyed by, from the reference data as it is now. */
final class Names {

    static final String TOTAL = "合计";
    static final String NOT_DISPATCHED = "未派单";
    static final String DISPATCHERS = "派单员";

    private final Map<String, String> departments;
    private final Map<String, String> categories;
    private final Map<String, String> communities;

    private Names(ReferenceData reference) {
        departments = reference.departments().stream().collect(Collectors.toMap(Department::code, Department::name));
        categories = reference.categories().stream().collect(Collectors.toMap(Category::code, Category::name));
        communities = reference.communities().stream().collect(Collectors.toMap(Community::code, Community::name));
    }

    static Names of(ReferenceData reference) {
        return new Names(reference);
    }

    String of(GroupBy groupBy, String key) {
        if (key == null) {
            return groupBy == GroupBy.DEPARTMENT ? NOT_DISPATCHED : null;
        }
        return switch (groupBy) {
            case DEPARTMENT -> departments.get(key);
            case CATEGORY -> categories.get(key);
            case COMMUNITY -> communities.get(key);
            case CHANNEL -> Arrays.stream(Channel.values()).filter(channel -> channel.name().equals(key))
                .map(Channel::displayName).findFirst().orElse(null);
        };
    }

    String department(String code) {
        return code == null ? null : departments.get(code);
    }
}
