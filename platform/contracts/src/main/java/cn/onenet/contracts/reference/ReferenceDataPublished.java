package cn.onenet.contracts.reference;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The whole current catalogue and community list; the newest snapshot replaces every earlier one. */
public record ReferenceDataPublished(UUID eventId, Instant publishedAt, List<CategoryRef> categories,
        List<CommunityRef> communities) implements ReferenceDataEvent {

    public ReferenceDataPublished {
        categories = List.copyOf(categories);
        communities = List.copyOf(communities);
    }

    /** A category a request may be filed under. */
    public record CategoryRef(String code, String name, String nameEn) {
    }

    /** A community a request may be located in, with the codes of its grids (网格). */
    public record CommunityRef(String code, String name, String street, List<String> grids) {

        public CommunityRef {
            grids = grids == null ? List.of() : List.copyOf(grids);
        }

        public CommunityRef(String code, String name, String street) {
            this(code, name, street, List.of());
        }
    }
}
