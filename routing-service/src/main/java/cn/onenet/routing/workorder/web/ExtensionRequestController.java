package cn.onenet.routing.workorder.web;

import cn.onenet.platform.pii.PersonalData;
import cn.onenet.routing.sla.SlaProperties;
import cn.onenet.routing.workorder.WorkOrderService;
import cn.onenet.routing.workorder.WorkOrderStore;
import cn.onenet.routing.workorder.web.WorkOrderViews.ExtensionRequestView;
import cn.onenet.routing.workorder.web.WorkOrderViews.PageView;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The extension requests waiting for a supervisor's decision (延期审批), beside the other supervision lists: a
 * department's request was otherwise found only by opening its order. Decided with
 * {@code POST /api/v1/requests/{id}/extension}.
 */
@RestController
@RequestMapping("/api/v1/supervision")
class ExtensionRequestController {

    private final WorkOrderService workOrders;
    private final WorkOrderViews views;

    ExtensionRequestController(WorkOrderService workOrders, SlaProperties sla, PersonalData personalData) {
        this.workOrders = workOrders;
        this.views = new WorkOrderViews(sla.timeZone(), personalData);
    }

    /** Orders with an extension request waiting, the longest-waiting request first. */
    @GetMapping("/extensions")
    PageView<ExtensionRequestView> extensions(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) int size) {
        int cappedSize = Math.min(size, WorkOrderController.MAX_PAGE_SIZE);
        WorkOrderStore.Page result = workOrders.extensionRequests(page, cappedSize);
        return new PageView<>(result.content().stream().map(views::extensionRequest).toList(), page, cappedSize,
                result.totalElements());
    }
}
