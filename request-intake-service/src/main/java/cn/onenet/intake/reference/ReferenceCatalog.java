package cn.onenet.intake.reference;

import cn.onenet.contracts.reference.ReferenceDataPublished;
import cn.onenet.contracts.reference.ReferenceDataPublished.CategoryRef;
import cn.onenet.contracts.reference.ReferenceDataPublished.CommunityRef;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What intake knows of the reference data: the newest snapshot read from the compacted reference topic.
 * Until the first snapshot arrives intake can't tell a known category from an unknown one, so it is not ready.
 */
@Component
public class ReferenceCatalog {

    private record Snapshot(Set<String> categories, Set<String> communities, Map<String, Set<String>> grids,
            Instant publishedAt) {
    }

    private volatile Snapshot snapshot;

    public void replaceWith(ReferenceDataPublished published) {
        snapshot = new Snapshot(
                published.categories().stream().map(CategoryRef::code).collect(Collectors.toUnmodifiableSet()),
                published.communities().stream().map(CommunityRef::code).collect(Collectors.toUnmodifiableSet()),
                published.communities().stream().collect(Collectors.toUnmodifiableMap(CommunityRef::code,
                        community -> Set.copyOf(community.grids()), (first, second) -> second)),
                published.publishedAt());
    }

    public boolean isLoaded() {
        return snapshot != null;
    }

    public boolean hasCategory(String code) {
        Snapshot current = snapshot;
        return current != null && current.categories().contains(code);
    }

    public boolean hasCommunity(String code) {
        Snapshot current = snapshot;
        return current != null && current.communities().contains(code);
    }

    /** Whether {@code grid} is one of {@code community}'s grids (网格). */
    public boolean hasGrid(String community, String grid) {
        Snapshot current = snapshot;
        return current != null && current.grids().getOrDefault(community, Set.of()).contains(grid);
    }

    public int categoryCount() {
        Snapshot current = snapshot;
        return current == null ? 0 : current.categories().size();
    }

    public int communityCount() {
        Snapshot current = snapshot;
        return current == null ? 0 : current.communities().size();
    }

    public Instant publishedAt() {
        Snapshot current = snapshot;
        return current == null ? null : current.publishedAt();
    }
}
