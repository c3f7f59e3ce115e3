package cn.onenet.routing.rules;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A routing rule: when every condition it names holds (an empty condition matches anything), the request goes
 * to {@code leadDepartment} (主办) with {@code coDepartments} (协办). Among matching rules the highest priority
 * wins; ties go to the older rule.
 */
public record RoutingRule(String id, String name, int priority, boolean enabled, Set<String> categories,
        Set<String> communities, Set<Channel> channels, Set<Urgency> urgencies, List<String> keywords,
        String leadDepartment, List<String> coDepartments, long createdSequence) {

    public RoutingRule {
        categories = Set.copyOf(categories);
        communities = Set.copyOf(communities);
        channels = Set.copyOf(channels);
        urgencies = Set.copyOf(urgencies);
        keywords = List.copyOf(keywords);
        coDepartments = List.copyOf(coDepartments);
    }

    /** What a request offers to be matched on. */
    public record Facts(String category, String community, Channel channel, Urgency urgency, String title,
            String description) {
    }

    public boolean matches(Facts facts) {
        return enabled
                && (categories.isEmpty() || categories.contains(facts.category()))
                && (communities.isEmpty() || communities.contains(facts.community()))
                && (channels.isEmpty() || channels.contains(facts.channel()))
                && (urgencies.isEmpty() || urgencies.contains(facts.urgency()))
                && (keywords.isEmpty() || containsAnyKeyword(facts));
    }

    private boolean containsAnyKeyword(Facts facts) {
        String text = ((facts.title() == null ? "" : facts.title()) + "\n"
                + (facts.description() == null ? "" : facts.description())).toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(keyword -> text.contains(keyword.toLowerCase(Locale.ROOT)));
    }
}
