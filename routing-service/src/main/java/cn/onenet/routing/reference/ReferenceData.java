package cn.onenet.routing.reference;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private volatile Map<String, Category> categories = Map.of();
    private volatile Map<String, Department> departments = Map.of();
    private volatile Map<String, Community> communities = Map.of();

    ReferenceData(ReferenceDataStore store, ReferenceDataPublisher publisher, DemoReferenceData demoData) {
        this.store = store;
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
        categories = index(store.categories(), Category::code);
        departments = index(store.departments(), Department::code);
        communities = index(store.communities(), Community::code);
        publisher.publish(categories(), communities());
        log.info("Reference data published: {} categories, {} departments, {} communities", categories.size(),
                departments.size(), communities.size());
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
