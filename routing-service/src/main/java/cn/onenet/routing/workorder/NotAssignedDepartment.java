package cn.onenet.routing.workorder;

import java.util.UUID;

/** Only the department an order is dispatched to may report on it. */
public class NotAssignedDepartment extends RuntimeException {

    NotAssignedDepartment(UUID id, String department, String assigned) {
        super("Department " + department + " may not report on order " + id + ": "
                + (assigned == null ? "it is not dispatched to any department." : "it is dispatched to another department."));
    }
}
