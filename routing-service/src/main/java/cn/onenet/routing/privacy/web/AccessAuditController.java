package cn.onenet.routing.privacy.web;

import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.security.CallerForbidden;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.routing.ListTokens;
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
import java.util.Optional;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/personal-data-access?orderId=&trackingNumber=&actor=&from=&to=&after=&page=&size=}: the access
 * audit, newest first, for supervisors — who saw whose personal data in clear, when and why. There is no endpoint
 * that changes it. Each page says where the next starts ({@code next}); read with {@code after=<next>} and the same
 * filters, it goes on after the page's last record however many reads were recorded meanwhile (a page number counts
 * from the newest again, so a supervisor paging back through a busy day saw records twice).
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
            @RequestParam(required = false) @Size(max = 64) String trackingNumber,
            @RequestParam(required = false) @Size(max = 128) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(required = false) @Size(max = 256) String after,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) int size,
            @RequestParam MultiValueMap<String, String> parameters) {
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
        AccessAudit.Position position = ListTokens.after(after, parameters, AccessAuditController::read, "audit");
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        AccessAudit.Filter filter = new AccessAudit.Filter(order, given(trackingNumber), given(actor),
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant());
        AccessAudit.Page result = audit.find(filter, position, page, cappedSize);
        return new PageView(result.content().stream().map(this::view).toList(), page, cappedSize,
                result.totalElements(), result.next() == null ? null : token(result.next()));
    }

    /** A text filter as given, without the spaces round it; null for none. */
    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A place in the audit as a token ({@link ListTokens}): when the data was shown and the record's id. */
    private static String token(AccessAudit.Position position) {
        return ListTokens.token(ListTokens.part(position.at()), position.id().toString());
    }

    /** The place {@code token} names; empty if it is not one {@link #token} made. */
    private static Optional<AccessAudit.Position> read(String token) {
        return ListTokens.read(token, 2,
                parts -> new AccessAudit.Position(ListTokens.instant(parts.get(0)), UUID.fromString(parts.get(1))));
    }

    private AccessView view(PersonalDataAccess access) {
        return new AccessView(access.id(), access.at().atZone(zone).toOffsetDateTime(), access.actor(), access.clientId(),
                access.roles(), access.department(), access.orderId(), access.trackingNumber(), access.fields(),
                access.reason(), access.correlationId());
    }

    record AccessView(UUID id, OffsetDateTime at, String actor, String clientId, List<String> roles, String department,
            UUID orderId, String trackingNumber, List<String> fields, String reason, String correlationId) {
    }

    /** A page of the audit; {@code next}, when more follow, is where the next page starts ({@code after=<next>}). */
    record PageView(List<AccessView> content, int page, int size, long totalElements, String next) {
    }
}
