package cn.onenet.routing.reference;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The reference data in memory (it is small and read on every order), loaded from the store; on first start
 * the store is seeded with the district's demo data. Every start publishes the current snapshot so intake
 * validates against exactly what routing routes by.
 */
@Service
public class ReferenceData {

    private static final Logger log = LoggerFactory.getLogger(ReferenceData.class);

    private final ReferenceDataStore store;
    private final ReferenceDataPublisher publisher;
    private final DemoReferenceData demoData;
    private final Clock clock;

    private volatile Map<String, Category> categories = Map.of();
    private volatile Map<String, Department> departments = Map.of();
    private volatile Map<String, Community> communities = Map.of();

    ReferenceData(ReferenceDataStore store, ReferenceDataPublisher publisher, DemoReferenceData demoData, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.publisher = publisher;
        this.demoData = demoData;
    }

    /** Seeds the store if it is empty, loads it and publishes the snapshot. */
    public void initialise() {
        if (store.isEmpty()) {
            DemoReferenceData.Content seed = demoData.load();
            store.saveAll(seed.categories(), seed.departments(), seed.communities());
            log.info("Seeded demo reference data: {} categories, {} departments, {} communities",
                    seed.categories().size(), seed.departments().size(), seed.communities().size());
        }
        else {
            addMissingGrids();
        }
        load();
        publisher.publish(categories(), communities());
        log.info("Reference data published: {} categories, {} departments, {} communities", categories.size(),
                departments.size(), communities.size());
    }

    /** Adds or replaces a department; recorded in the audit trail. */
    public synchronized boolean put(Department department, String actor) {
        Optional<Department> before = store.put(department);
        changed("department", department.code(), actor, before.orElse(null), department);
        return before.isEmpty();
    }

    /** Adds or replaces a category; intake learns of it at once (the snapshot is published again). */
    public synchronized boolean put(Category category, String actor) {
        Optional<Category> before = store.put(category);
        changed("category", category.code(), actor, before.orElse(null), category);
        return before.isEmpty();
    }

    /** Adds or replaces a community with its grids; intake learns of it at once. */
    public synchronized boolean put(Community community, String actor) {
        Optional<Community> before = store.put(community);
        changed("community", community.code(), actor, before.orElse(null), community);
        return before.isEmpty();
    }

    /**
     * The newest changes first: of one kind ({@code department}, {@code category}, {@code community}) and code, or
     * of all ({@code null}).
     */
    public List<ReferenceDataChange> auditTrail(String kind, String code, int limit) {
        return store.auditTrail(kind, code, limit);
    }

    private void changed(String kind, String code, String actor, Object before, Object after) {
        store.audit(new ReferenceDataChange(kind, code, actor, clock.instant(), before, after));
        load();
        publisher.publish(categories(), communities());
        log.info("Reference data: {} {} {} by {}; snapshot published", kind, code, before == null ? "added" : "changed", actor);
    }

    /** What another instance changed reaches this one within the refresh period. */
    @Scheduled(fixedDelayString = "${onenet.reference.refresh:15s}", initialDelayString = "${onenet.reference.refresh:15s}")
    void refresh() {
        try {
            load();
        }
        catch (RuntimeException ex) {
            log.warn("Reference data not refreshed from the store (kept what is loaded): {}", ex.toString());
        }
    }

    private void load() {
        categories = index(store.categories(), Category::code);
        departments = index(store.departments(), Department::code);
        communities = index(store.communities(), Community::code);
    }

    public Optional<Community> community(String code) {
        return Optional.ofNullable(communities.get(code));
    }

    /** Communities stored before grids existed get the demo data's grids; nothing else is touched. */
    private void addMissingGrids() {
        Map<String, Community> seeded = index(demoData.load().communities(), Community::code);
        for (Community community : store.communities()) {
            Community seed = seeded.get(community.code());
            if (community.grids().isEmpty() && seed != null && !seed.grids().isEmpty()) {
                store.setGrids(community.code(), seed.grids());
                log.info("Community {} was stored without grids: the demo grids added", community.code());
            }
        }
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }

    public boolean hasDepartment(String code) {
        return code != null && departments.containsKey(code);
    }

    public List<Category> categories() {
        return sorted(categories, Category::code);
    }

    public List<Department> departments() {
        return sorted(departments, Department::code);
    }

    public List<Community> communities() {
        return sorted(communities, Community::code);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }

    private static <T> List<T> sorted(Map<String, T> items, Function<T, String> key) {
        return items.values().stream().sorted(Comparator.comparing(key)).toList();
    }
}
