package cn.onenet.routing.workorder.web;

import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.routing.workorder.WorkOrder;

/**
 * Who may see an order: people working the hotline (operators, dispatchers, supervisors, community and system admins)
 * see every order; a channel system only the orders submitted on its channel; a department system only the orders
 * it is lead or co-department of. An order a caller may not see answers 404, exactly as one that doesn't exist,
 * so ids can't be probed. Without token checks (no issuer configured) there is nothing to check against.
 */
final class OrderAccess {

    private OrderAccess() {
    }

    /** Without token checks, or one of the people working the hotline. */
    static boolean seesEveryOrder(Caller caller) {
        return !caller.verified()
                || caller.hasAnyRole(Role.OPERATOR, Role.DISPATCHER, Role.SUPERVISOR, Role.COMMUNITY_ADMIN, Role.ADMIN);
    }

    static boolean visible(WorkOrder.State order, Caller caller) {
        if (seesEveryOrder(caller)) {
            return true;
        }
        if (caller.hasRole(Role.DEPARTMENT_SYSTEM)) {
            return assignedTo(order, caller.department());
        }
        if (caller.hasRole(Role.CHANNEL_SYSTEM)) {
            return caller.channel() != null && order.channel() != null && caller.channel().equals(order.channel().name());
        }
        return false;
    }

    /** Whether {@code department} (null: none) is the order's lead or one of its co-departments. */
    static boolean assignedTo(WorkOrder.State order, String department) {
        return department != null && (department.equals(order.department()) || order.coDepartments().contains(department));
    }
}
