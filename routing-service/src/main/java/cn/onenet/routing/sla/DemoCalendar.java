package cn.onenet.routing.sla;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * On first start, the official calendar for 2026 and the statutory days of 2027 (its make-up workdays are entered
 * through the API once the State Council publishes them), from {@code seed/calendar/<year>.json}. A year already
 * stored, or ever changed, is left as it is. Runs before the listeners start, so the first order dispatched already
 * counts on it.
 */
@Component
class DemoCalendar implements SmartInitializingSingleton {

    static final List<Integer> SEEDED_YEARS = List.of(2026, 2027);

    private final CalendarService calendars;
    private final CalendarStore store;

    DemoCalendar(CalendarService calendars, CalendarStore store) {
        this.calendars = calendars;
        this.store = store;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (int year : SEEDED_YEARS) {
            if (store.find(year).isEmpty() && store.auditTrail(year, 1).isEmpty()) {
                CalendarYear seed = read(year);
                calendars.put(year, new CalendarService.Draft(seed.status(), seed.source(), seed.holidays(), seed.workdays()),
                        "system:demo-data");
            }
        }
    }

    static CalendarYear read(int year) {
        try (InputStream in = new ClassPathResource("seed/calendar/" + year + ".json").getInputStream()) {
            return JsonMapper.builder().build().readValue(in, CalendarYear.class);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The calendar seed for " + year + " can't be read", ex);
        }
    }
}
