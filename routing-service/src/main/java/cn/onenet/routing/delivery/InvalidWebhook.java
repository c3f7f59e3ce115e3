package cn.onenet.routing.delivery;

import java.util.List;
import java.util.Map;

/** A webhook registration with fields that can't work (field name → what is wrong); nothing was stored. */
public class InvalidWebhook extends RuntimeException {

    private final List<Map.Entry<String, String>> problems;

    public InvalidWebhook(List<Map.Entry<String, String>> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<Map.Entry<String, String>> problems() {
        return problems;
    }
}
