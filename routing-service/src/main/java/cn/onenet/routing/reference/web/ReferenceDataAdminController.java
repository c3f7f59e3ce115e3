package cn.onenet.routing.reference.web;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.security.CallerForbidden;
import cn.onenet.platform.web.ProblemHandler;
import cn.onenet.routing.reference.Category;
import cn.onenet.routing.reference.Community;
import cn.onenet.routing.reference.Department;
import cn.onenet.routing.reference.KnownDepartment;
import cn.onenet.routing.reference.ReferenceData;
import cn.onenet.routing.reference.ReferenceDataChange;
import cn.onenet.routing.reference.ServiceLevel;
import cn.onenet.routing.sla.SlaProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators keep the reference data: {@code PUT /api/v1/departments/{code}}, {@code PUT /api/v1/catalogue/{code}},
 * {@code PUT /api/v1/communities/{code}} add or replace one entry (201 when added, 200 when replaced), checked as a
 * whole (one 400 naming every bad field), written to the audit trail ({@code GET /api/v1/reference-data/audit}) and
 * published to intake at once. Nothing is deleted: orders and rules keep referring to what they were given.
 */
@RestController
@RequestMapping("/api/v1")
class ReferenceDataAdminController {

    /** A code of reference data, in the path or a grid's. */
    static final String CODE = "[a-z0-9][a-z0-9-]{0,63}";
    static final String CODE_RULE = "may hold only a-z, 0-9 and -, starting with a letter or digit (at most 64)";
    static final String DEPARTMENT_KINDS = "STREET|COMMUNITY|BUREAU|POLICE|COURT|JUSTICE|PARTY";

    private final ReferenceData referenceData;
    private final ZoneId zone;

    ReferenceDataAdminController(ReferenceData referenceData, SlaProperties sla) {
        this.referenceData = referenceData;
        this.zone = sla.timeZone();
    }

    // every check is a constraint, so that one 400 names every bad field, the path's code among them
    record DepartmentBody(@NotBlank @Size(max = 50) String name, @Size(max = 100) String nameEn,
            @NotBlank @Pattern(regexp = DEPARTMENT_KINDS, message = "must be one of " + DEPARTMENT_KINDS) String kind) {
    }

    record ServiceLevelBody(@NotNull @Min(1) @Max(720) Integer acknowledgeWithinHours,
            @NotNull @Min(1) @Max(365) Integer resolveWithinWorkingDays) {
    }

    record CategoryBody(@NotBlank @Size(max = 50) String name, @Size(max = 100) String nameEn,
            @Size(max = 64) @KnownDepartment(message = "is not a department (see GET /api/v1/departments); leave it "
                    + "out for a catch-all category that goes to a dispatcher") String department,
            @NotNull @Valid SlaBody sla) {
    }

    /**
     * A category's service levels by urgency, as the JSON names them: each an object of its own, so that an unknown
     * urgency or a level of the wrong type is named beside the others ({@code sla.SUPER}, {@code sla.NORMAL.…}),
     * where a map keyed by urgency failed as a whole. An urgency without a level takes the normal one.
     */
    record SlaBody(
            @NotNull(message = "is required: the service level of a normal request") @Valid ServiceLevelBody NORMAL,
            @Valid ServiceLevelBody URGENT, @Valid ServiceLevelBody EMERGENCY) {

        Map<Urgency, ServiceLevelBody> byUrgency() {
            Map<Urgency, ServiceLevelBody> levels = new EnumMap<>(Urgency.class);
            levels.put(Urgency.NORMAL, NORMAL);
            if (URGENT != null) {
                levels.put(Urgency.URGENT, URGENT);
            }
            if (EMERGENCY != null) {
                levels.put(Urgency.EMERGENCY, EMERGENCY);
            }
            return levels;
        }
    }

    record GridBody(@NotBlank @Size(max = 64) @Pattern(regexp = CODE, message = CODE_RULE) String code,
            @NotBlank @Size(max = 50) String name) {
    }

    record CommunityBody(@NotBlank @Size(max = 50) String name, @Size(max = 100) String nameEn,
            @NotBlank @Size(max = 50) String street, @NotBlank @Size(max = 64) @KnownDepartment String committee,
            @NotNull @Size(max = 200) @DistinctGridCodes List<@Valid @NotNull GridBody> grids) {
    }

    @PutMapping("/departments/{code}")
    ResponseEntity<Department> putDepartment(@PathVariable @Pattern(regexp = CODE, message = CODE_RULE) String code,
            @Valid @RequestBody DepartmentBody body, @RequestHeader(name = "X-Actor", required = false) String actor) {
        String who = admin(actor);
        Department department = new Department(code, body.name().trim(), trim(body.nameEn()), body.kind());
        return answer(referenceData.put(department, who), "/api/v1/departments/" + code, department);
    }

    @PutMapping("/catalogue/{code}")
    ResponseEntity<ReferenceDataController.CategoryView> putCategory(
            @PathVariable @Pattern(regexp = CODE, message = CODE_RULE) String code,
            @Valid @RequestBody CategoryBody body, @RequestHeader(name = "X-Actor", required = false) String actor) {
        String who = admin(actor);
        Map<Urgency, ServiceLevel> sla = new EnumMap<>(Urgency.class);
        body.sla().byUrgency().forEach((urgency, level) -> sla.put(urgency,
                new ServiceLevel(level.acknowledgeWithinHours(), level.resolveWithinWorkingDays())));
        Category category = new Category(code, body.name().trim(), trim(body.nameEn()), trim(body.department()), sla);
        return answer(referenceData.put(category, who), "/api/v1/catalogue/" + code,
                ReferenceDataController.CategoryView.of(category));
    }

    @PutMapping("/communities/{code}")
    ResponseEntity<Community> putCommunity(@PathVariable @Pattern(regexp = CODE, message = CODE_RULE) String code,
            @Valid @RequestBody CommunityBody body, @RequestHeader(name = "X-Actor", required = false) String actor) {
        String who = admin(actor);
        Community community = new Community(code, body.name().trim(), trim(body.nameEn()), body.street().trim(),
                body.committee().trim(), body.grids().stream()
                    .map(grid -> new Community.Grid(grid.code().trim(), grid.name().trim())).toList());
        return answer(referenceData.put(community, who), "/api/v1/communities/" + code, community);
    }

    @GetMapping("/reference-data/audit")
    List<ChangeView> audit(@RequestParam(required = false) @Pattern(regexp = "department|category|community",
                    message = "must be one of department, category, community") String kind,
            @RequestParam(required = false) @Size(max = 64) String code,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        admin(null);
        String ofKind = trim(kind);
        String ofCode = trim(code);
        List<ReferenceDataChange> trail = referenceData.auditTrail(ofKind, ofCode, limit);
        if (trail.isEmpty() && ofCode != null && !exists(ofKind, ofCode)) {
            throw new EntryNotFound("No " + (ofKind == null ? "department, category or community" : ofKind)
                    + " has the code " + ofCode);
        }
        return trail.stream().map(this::view).toList();
    }

    /** An entry of the kind (any kind when null) with the code: the demo data's have no trail until changed. */
    private boolean exists(String kind, String code) {
        return (kind == null || kind.equals("department")) && referenceData.hasDepartment(code)
                || (kind == null || kind.equals("category")) && referenceData.category(code).isPresent()
                || (kind == null || kind.equals("community")) && referenceData.community(code).isPresent();
    }

    /** The audit trail of a code that names no entry (404, as an unknown rule's or calendar year's trail). */
    static final class EntryNotFound extends RuntimeException {

        EntryNotFound(String message) {
            super(message);
        }
    }

    @ExceptionHandler(EntryNotFound.class)
    ResponseEntity<ProblemDetail> notFound(EntryNotFound ex) {
        return ProblemHandler.respond(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Reference data not found",
                ex.getMessage());
    }

    record ChangeView(String kind, String code, String actor, OffsetDateTime at, Object before, Object after) {
    }

    private ChangeView view(ReferenceDataChange change) {
        return new ChangeView(change.kind(), change.code(), change.actor(), change.at().atZone(zone).toOffsetDateTime(),
                change.before(), change.after());
    }

    /** Administrators only, when tokens are checked; the audit trail names the token's subject. */
    private static String admin(String claimed) {
        Caller caller = Caller.current();
        if (caller.verified() && !caller.hasRole(Role.ADMIN)) {
            throw new CallerForbidden("Reference data is kept by administrators.");
        }
        return caller.auditActor(claimed);
    }

    private static <T> ResponseEntity<T> answer(boolean added, String location, T entry) {
        return added ? ResponseEntity.created(URI.create(location)).body(entry) : ResponseEntity.ok(entry);
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
