package cn.onenet.routing.workorder.web;

import cn.onenet.contracts.Satisfaction;
import cn.onenet.platform.web.Characters;
import cn.onenet.routing.reference.KnownDepartment;
import cn.onenet.routing.workorder.RejectionReason;
import java.util.List;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * Request bodies of the work-order endpoints; unknown fields are refused, texts count characters
 * ({@link Characters}).
 */
final class WorkOrderBodies {

    enum DepartmentEventType {
        ACKNOWLEDGED, STARTED, RESOLVED, RETURNED, EXTENSION_REQUESTED
    }

    record DepartmentEventBody(@NotNull DepartmentEventType type, @NotBlank @Size(max = 64) String department,
            @Characters(max = 1000) String note, @Characters(max = 1000) String reason, OffsetDateTime until) {
    }

    record ExtensionDecisionBody(@NotNull Boolean approved, @Characters(max = 1000) String note) {
    }

    record FeedbackBody(@NotNull Satisfaction satisfaction, @Characters(max = 1000) String comment) {
    }

    record DispatchBody(@NotBlank @Size(max = 64) @KnownDepartment String department,
            @Characters(max = 1000) String note,
            @Size(max = 5) List<@NotBlank @KnownDepartment String> coDepartments, Boolean finalRuling) {
    }

    record TransferBody(@NotBlank @Size(max = 64) @KnownDepartment String department,
            @NotBlank @Characters(max = 1000) String reason,
            @Size(max = 5) List<@NotBlank @KnownDepartment String> coDepartments, Boolean finalRuling) {
    }

    /** {@code code} is optional for compatibility with API v1; without it the rejection is recorded as OTHER. */
    record RejectBody(RejectionReason code, @NotBlank @Characters(max = 1000) String reason) {
    }

    /** 催办: what the requester said when they asked after the order again. */
    record FollowUpBody(@NotBlank @Characters(max = 1000) String note) {
    }

    record MergeBody(@NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be the id of an order") String into) {
    }

    private WorkOrderBodies() {
    }
}
