package cn.onenet.routing.workorder.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.web.Characters;
import cn.onenet.routing.privacy.ClearReads;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderNotFound;
import cn.onenet.routing.workorder.WorkOrderService;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/requests/{id}/personal-data {reason}}: the requester's name, phone and ID number in clear, and
 * the title and description as submitted where intake masked phone or ID numbers in them, for those whose work needs
 * them — the department system the order is dispatched to (lead or co-department), and the operator who took the
 * hotline call — each read first written to the access audit. Everyone else who may see the
 * order gets 403; who may not see it gets 404.
 */
@RestController
class PersonalDataController {

    private final WorkOrderService workOrders;
    private final ClearReads clearReads;

    PersonalDataController(WorkOrderService workOrders, ClearReads clearReads) {
        this.workOrders = workOrders;
        this.clearReads = clearReads;
    }

    @PostMapping("/api/v1/requests/{id}/personal-data")
    ResponseEntity<ClearRequesterView> read(@PathVariable String id, @Valid @RequestBody ClearReadBody body) {
        UUID orderId;
        try {
            orderId = UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw new WorkOrderNotFound(id);
        }
        Caller caller = Caller.current();
        WorkOrder.State order = workOrders.find(orderId);
        if (!OrderAccess.visible(order, caller)) {
            throw new WorkOrderNotFound(id);
        }
        ClearReads.Opened opened = clearReads.open(order.id(), order.trackingNumber(), order.requester(),
                order.titleSealed(), order.descriptionSealed(), caller, body.reason().trim(),
                needsClear(order, caller));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
            .body(new ClearRequesterView(order.id(), order.trackingNumber(), opened.requester().name(),
                    opened.requester().phone(), opened.requester().idNumber(), opened.title(), opened.description(),
                    opened.access().id(), opened.access().fields()));
    }

    /**
     * Whose work needs the requester in clear: the department the order is dispatched to (to call back and to visit),
     * the operator who took the call (to call back on it). Without token checks there is no one to tell apart.
     */
    static boolean needsClear(WorkOrder.State order, Caller caller) {
        if (!caller.verified()) {
            return true;
        }
        if (caller.hasRole(Role.DEPARTMENT_SYSTEM) && caller.department() != null) {
            return OrderAccess.assignedTo(order, caller.department());
        }
        return caller.hasRole(Role.OPERATOR) && order.channel() == Channel.HOTLINE && caller.subject() != null
                && caller.subject().equals(order.takenBy());
    }

    record ClearReadBody(@NotBlank @Characters(max = 500) String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClearRequesterView(UUID orderId, String trackingNumber, String name, String phone, String idNumber,
            String title, String description, UUID auditId, List<String> fields) {
    }
}
