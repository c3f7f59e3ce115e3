package cn.onenet.routing.reference;

import cn.onenet.contracts.Urgency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The district's demo reference data (文新街道: 星洲、湖畔、德加 …), from {@code seed/reference-data.json}. */
@Component
class DemoReferenceData {

    record Content(List<Category> categories, List<Department> departments, List<Community> communities) {
    }

    private record SeedCategory(String code, String name, String nameEn, String department,
            Map<Urgency, ServiceLevel> sla) {
    }

    private record Seed(List<SeedCategory> categories, List<Department> departments, List<Community> communities) {
    }

    Content load() {
        try (InputStream in = new ClassPathResource("seed/reference-data.json").getInputStream()) {
            Seed seed = JsonMapper.builder().build().readValue(in, Seed.class);
            List<Category> categories = seed.categories().stream()
                .map(c -> new Category(c.code(), c.name(), c.nameEn(), c.department(), new EnumMap<>(c.sla())))
                .toList();
            return new Content(categories, seed.departments(), seed.communities());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The demo reference data can't be read", ex);
        }
    }
}
