package cn.onenet.routing.rules;

import java.util.List;
import java.util.Map;

/** A rule that names what does not exist or contradicts itself; nothing was saved. */
public class InvalidRule extends RuntimeException {

    private final List<Map.Entry<String, String>> problems;

    InvalidRule(List<Map.Entry<String, String>> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    /** Field and message of each problem. */
    public List<Map.Entry<String, String>> problems() {
        return problems;
    }
}
