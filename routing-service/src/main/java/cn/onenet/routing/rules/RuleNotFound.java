package cn.onenet.routing.rules;

/** No rule has this id. */
public class RuleNotFound extends RuntimeException {

    public RuleNotFound(String id) {
        super("No routing rule " + id + ".");
    }
}
