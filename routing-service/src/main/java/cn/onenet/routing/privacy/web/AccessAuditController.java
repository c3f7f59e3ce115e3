package cn.onenet.routing.privacy.web;

import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.security.CallerForbidden;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.routing.privacy.AccessAudit;
import cn.onenet.routing.privacy.PersonalDataAccess;
import cn.onenet.routing.sla.SlaProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/personal-data-access?orderId=&actor=&from=&to=&page=&size=}: the access audit, newest first,
 * for supervisors — who saw whose personal data in clear, when and why. There is no endpoint that changes it.
 */
@RestController
class AccessAuditController {

    static final int MAX_PAGE_SIZE = 100;

    /** An order's id (a UUID), or nothing. */
    private static final String ORDER_ID = "\\s*|\\s*\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}\\s*";

    private final AccessAudit audit;
    private final ZoneId zone;

    AccessAuditController(AccessAudit audit, SlaProperties sla) {
        this.audit = audit;
        this.zone = sla.timeZone();
    }

    @GetMapping("/api/v1/personal-data-access")
    PageView list(@RequestParam(required = false) @Pattern(regexp = ORDER_ID, message = "must be the id of an order")
            String orderId,
            @RequestParam(required = false) @Size(max = 128) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) int size) {
        Caller caller = Caller.current();
        if (caller.verified() && !caller.hasRole(Role.SUPERVISOR)) {
            throw new CallerForbidden("The personal-data access audit is for supervisors.");
        }
        UUID order = null;
        if (orderId != null && !orderId.isBlank()) {
            try {
                order = UUID.fromString(orderId.trim());
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidRequest(List.of(new FieldProblem("orderId", "must be the id of an order")));
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequest(List.of(new FieldProblem("to", "must be after from")));
        }
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        AccessAudit.Page result = audit.find(new AccessAudit.Filter(order, actor == null || actor.isBlank() ? null : actor.trim(),
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant()), page, cappedSize);
        return new PageView(result.content().stream().map(this::view).toList(), page, cappedSize, result.totalElements());
    }

    private AccessView view(PersonalDataAccess access) {
        return new AccessView(access.id(), access.at().atZone(zone).toOffsetDateTime(), access.actor(), access.clientId(),
                access.roles(), access.department(), access.orderId(), access.trackingNumber(), access.fields(),
                access.reason(), access.correlationId());
    }

    record AccessView(UUID id, OffsetDateTime at, String actor, String clientId, List<String> roles, String department,
            UUID orderId, String trackingNumber, List<String> fields, String reason, String correlationId) {
    }

    record PageView(List<AccessView> content, int page, int size, long totalElements) {
    }
}
