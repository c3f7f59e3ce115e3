package cn.onenet.routing.rules;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A routing rule: when every condition it names holds (category, community, grid, channel, urgency, a keyword) (an empty condition matches anything), the request goes
 * to {@code leadDepartment} (主办) with {@code coDepartments} (协办). Among matching rules the highest priority
 * wins; ties go to the older rule. {@code revision} counts the rule's stored versions (0 for one stored before it was
 * counted): a change is written only over the version it was made to.
 */
public record RoutingRule(String id, String name, int priority, boolean enabled, Set<String> categories,
        Set<String> communities, Set<String> grids, Set<Channel> channels, Set<Urgency> urgencies, List<String> keywords,
        String leadDepartment, List<String> coDepartments, long createdSequence, long revision) {

    public RoutingRule {
        categories = Set.copyOf(categories);
        communities = Set.copyOf(communities);
        grids = grids == null ? Set.of() : Set.copyOf(grids);
        channels = Set.copyOf(channels);
        urgencies = Set.copyOf(urgencies);
        keywords = List.copyOf(keywords);
        coDepartments = List.copyOf(coDepartments);
    }

    /** What a request offers to be matched on. */
    public record Facts(String category, String community, String grid, Channel channel, Urgency urgency, String title,
            String description) {
    }

    public boolean matches(Facts facts) {
        return enabled
                && within(categories, facts.category())
                && within(communities, facts.community())
                && within(grids, facts.grid())
                && within(channels, facts.channel())
                && within(urgencies, facts.urgency())
                && (keywords.isEmpty() || containsAnyKeyword(facts));
    }

    /** An empty condition matches anything; a named one needs the fact given and listed. */
    private static <T> boolean within(Set<T> condition, T fact) {
        return condition.isEmpty() || fact != null && condition.contains(fact);
    }

    private boolean containsAnyKeyword(Facts facts) {
        String text = ((facts.title() == null ? "" : facts.title()) + "\n"
                + (facts.description() == null ? "" : facts.description())).toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(keyword -> text.contains(keyword.toLowerCase(Locale.ROOT)));
    }
}
