package cn.onenet.routing.workorder;

import cn.onenet.contracts.RequestStatus;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The state machine does not allow this step from the order's current status; nothing was changed. */
public class TransitionRefused extends RuntimeException {

    private final RequestStatus status;

    TransitionRefused(UUID id, RequestStatus status, String action, Set<RequestStatus> allowedFrom) {
        super("Order " + id + " is " + status + "; " + action + " is only possible from "
                + allowedFrom.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")) + ".");
        this.status = status;
    }

    TransitionRefused(String message, RequestStatus status) {
        super(message);
        this.status = status;
    }

    public RequestStatus status() {
        return status;
    }
}
