package cn.onenet.routing.rules;

/** A rule kept changing under a change, attempt after attempt: the caller tries again later (409). */
public class RuleContended extends RuntimeException {

    public RuleContended(String id) {
        super("Rule " + id + " kept being changed by others while this change was applied; nothing was changed by it."
                + " Read it again and retry.");
    }
}
