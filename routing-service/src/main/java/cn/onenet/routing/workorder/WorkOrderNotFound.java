package cn.onenet.routing.workorder;

/** No order has this id or tracking number. */
public class WorkOrderNotFound extends RuntimeException {

    public WorkOrderNotFound(String what) {
        super("No work order " + what + ".");
    }
}
