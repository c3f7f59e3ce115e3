package cn.onenet.routing.workorder;

import java.util.UUID;

/** The order to merge into does not exist. */
public class UnknownMergeTarget extends RuntimeException {

    public UnknownMergeTarget(UUID id) {
        super("No work order " + id + " to merge into.");
    }
}
