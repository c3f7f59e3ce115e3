package cn.onenet.routing.sla;

import java.util.List;
import java.util.Map;

/** A calendar year that can't be stored as given; names every offending field. */
public class InvalidCalendar extends RuntimeException {

    private final transient List<Map.Entry<String, String>> problems;

    public InvalidCalendar(List<Map.Entry<String, String>> problems) {
        super("Invalid calendar: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<Map.Entry<String, String>> problems() {
        return problems;
    }
}
