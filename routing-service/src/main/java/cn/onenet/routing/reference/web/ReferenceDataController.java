package cn.onenet.routing.reference.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.Urgency;
import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.Community;
import cn.onenet.routing.reference.Department;
import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.reference.ServiceLevel;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class ReferenceDataController {

    private final ReferenceData referenceData;

    ReferenceDataController(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    @GetMapping("/catalogue")
    List<CategoryView> catalogue() {
        return referenceData.categories().stream().map(CategoryView::of).toList();
    }

    @GetMapping("/departments")
    List<Department> departments() {
        return referenceData.departments();
    }

    @GetMapping("/communities")
    List<Community> communities() {
        return referenceData.communities();
    }

    @GetMapping("/channels")
    List<ChannelView> channels() {
        return Arrays.stream(Channel.values())
            .map(channel -> new ChannelView(channel.name(), channel.displayName(), channel.requiresExternalId()))
            .toList();
    }

    record CategoryView(String code, String name, String nameEn, String department, Map<Urgency, ServiceLevel> sla) {

        static CategoryView of(Category category) {
            Map<Urgency, ServiceLevel> sla = new EnumMap<>(Urgency.class);
            for (Urgency urgency : Urgency.values()) {
                sla.put(urgency, category.serviceLevel(urgency));
            }
            return new CategoryView(category.code(), category.name(), category.nameEn(), category.department(), sla);
        }
    }

    record ChannelView(String code, String name, boolean externalIdRequired) {
    }
}
