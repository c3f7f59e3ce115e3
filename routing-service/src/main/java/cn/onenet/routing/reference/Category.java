package cn.onenet.routing.reference;

import cn.onenet.contracts.Urgency;
import java.util.Map;
import java.util.Optional;

/**
 * A category of the dispatch catalogue: the department responsible for it (none for catch-all categories,
 * which go to a dispatcher) and its service levels per urgency.
 */
public record Category(String code, String name, String nameEn, String department, Map<Urgency, ServiceLevel> sla) {

    public Category {
        sla = Map.copyOf(sla);
    }

    public Optional<String> responsibleDepartment() {
        return Optional.ofNullable(department);
    }

    public ServiceLevel serviceLevel(Urgency urgency) {
        ServiceLevel level = sla.get(urgency);
        return level != null ? level : sla.get(Urgency.NORMAL);
    }
}
