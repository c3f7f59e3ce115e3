package cn.onenet.routing.workorder.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.TrackingNumber;
import cn.onenet.contracts.security.Role;
import cn.onenet.platform.pii.PersonalData;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.security.CallerForbidden;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.IdempotencyKey;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.routing.ListTokens;
import cn.onenet.routing.WindowEnds;
import cn.onenet.routing.sla.CalendarService;
import cn.onenet.routing.sla.CalendarYear;
import cn.onenet.routing.sla.SlaProperties;
import cn.onenet.routing.workorder.NoLongerAssigned;
import cn.onenet.routing.workorder.RejectionReason;
import cn.onenet.routing.workorder.WorkOrder;
import cn.onenet.routing.workorder.WorkOrderNotFound;
import cn.onenet.routing.workorder.WorkOrderService;
import cn.onenet.routing.workorder.WorkOrderStore;
import cn.onenet.routing.workorder.web.WorkOrderBodies.DepartmentEventBody;
import cn.onenet.routing.workorder.web.WorkOrderBodies.DispatchBody;
import cn.onenet.routing.workorder.web.WorkOrderBodies.FeedbackBody;
import cn.onenet.routing.workorder.web.WorkOrderBodies.MergeBody;
import cn.onenet.routing.workorder.web.WorkOrderBodies.RejectBody;
import cn.onenet.routing.workorder.web.WorkOrderBodies.TransferBody;
import cn.onenet.routing.workorder.web.WorkOrderViews.ListView;
import cn.onenet.routing.workorder.web.WorkOrderViews.OrderView;
import cn.onenet.routing.workorder.web.WorkOrderViews.PageView;
import cn.onenet.routing.workorder.web.WorkOrderViews.SummaryView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/requests")
class WorkOrderController {

    static final int MAX_PAGE_SIZE = 100;
    /** What the order list is filtered and paged by, in the order it names them when given another. */
    private static final List<String> LIST_PARAMETERS = List.of("status", "department", "dispatchedTo", "dispatched",
            "acceptedFrom", "acceptedTo", "channel", "category", "community", "phone", "followedUp", "after", "page",
            "size");
    /** A phone number as it is read out or typed: digits, spaces, + ( ) -, also in their full-width forms. */
    private static final String PHONE_SEARCH = "[0-9 +()\\-０-９\u3000＋（）－]*";

    private final WorkOrderService workOrders;
    private final WorkOrderViews views;
    private final CalendarService calendar;
    private final ZoneId zone;
    private final Clock clock;

    WorkOrderController(WorkOrderService workOrders, CalendarService calendar, SlaProperties sla, Clock clock,
            PersonalData personalData) {
        this.workOrders = workOrders;
        this.calendar = calendar;
        this.zone = sla.timeZone();
        this.views = new WorkOrderViews(zone, personalData);
        this.clock = clock;
    }

    /**
     * A page of orders, newest first. {@code dispatchedTo}, {@code acceptedFrom} and {@code acceptedTo} list exactly
     * the orders a summary row by department counts ({@code GET /api/v1/stats/summary}): those last handed to that
     * department, accepted in the window, its ends read as the summary reads its {@code from} and {@code to};
     * {@code dispatched=false} instead of {@code dispatchedTo} lists those of its row of orders never dispatched;
     * {@code followedUp=true} those of its 催办件 (the requester asked after them), {@code false} the others.
     * Each page says where the next one starts ({@code next}); read with {@code after=<next>}, it continues with the
     * orders after the page's last, wherever orders arrived or left the list meanwhile: a page number counts from the
     * top again, so that an order newly accepted showed the previous page's last once more, and one signed for off
     * a department's list of DISPATCHED orders made it skip one.
     */
    @GetMapping
    ListView<SummaryView> list(@RequestParam(required = false) List<RequestStatus> status,
            @RequestParam(required = false) @Size(max = 64) String department,
            @RequestParam(required = false) @Size(max = 64) String dispatchedTo,
            @RequestParam(required = false) Boolean dispatched,
            @RequestParam(required = false) @WindowEnd String acceptedFrom,
            @RequestParam(required = false) @WindowEnd String acceptedTo,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) @Size(max = 64) String category,
            @RequestParam(required = false) @Size(max = 64) String community,
            @RequestParam(required = false) @Size(max = 32) @Pattern(regexp = PHONE_SEARCH,
                    message = "must be a phone number") String phone,
            @RequestParam(required = false) Boolean followedUp,
            @RequestParam(required = false) @Size(max = 128) String after,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) int size,
            @RequestParam MultiValueMap<String, String> parameters) {
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        WorkOrderStore.Position position = blankToNull(after) == null ? null : ListPositions.read(after)
            .orElseThrow(() -> new InvalidRequest(List.of(new FieldProblem("after",
                    "is not a position this list gave: pass a page's next as it is"))));
        Instant from = windowEnd("acceptedFrom", acceptedFrom, false);
        Instant to = windowEnd("acceptedTo", acceptedTo, true);
        List<FieldProblem> problems = new ArrayList<>();
        // a misspelt filter (statuss=) or one the list has not (externalId=, sort=) listed every order as if unfiltered
        parameters.keySet().stream().filter(name -> !LIST_PARAMETERS.contains(name)).sorted()
            .forEach(name -> problems.add(new FieldProblem(name, "is not a parameter of this list; it takes "
                    + String.join(", ", LIST_PARAMETERS))));
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new FieldProblem("acceptedFrom", "must be before acceptedTo (" + to.atZone(zone)
                .toOffsetDateTime() + ")"));
            problems.add(new FieldProblem("acceptedTo", "must be after acceptedFrom (" + from.atZone(zone)
                .toOffsetDateTime() + ")"));
        }
        if (Boolean.FALSE.equals(dispatched) && blankToNull(dispatchedTo) != null) {
            problems.add(new FieldProblem("dispatched",
                    "false lists the orders never dispatched: it can't be combined with dispatchedTo"));
        }
        Caller caller = Caller.current();
        if (caller.hasRole(Role.CHANNEL_SYSTEM) && !OrderAccess.seesEveryOrder(caller) && caller.channel() != null
                && channel != null && !channel.name().equals(caller.channel())) {
            // it was silently replaced by the system's own channel: a list of other orders than asked for
            problems.add(new FieldProblem("channel", "a channel system lists its own channel's orders only ("
                    + caller.channel() + "): leave channel out"));
        }
        if (position != null && parameters.containsKey("page")) {
            problems.add(new FieldProblem("page", "can't be combined with after: the page after a position starts "
                    + "there"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        String assignedTo = null;
        if (!OrderAccess.seesEveryOrder(caller)) {
            // a system lists only its own: the orders its department leads or assists (as it may read them), or its
            // channel's; a department's ?department= then picks those of one lead among them
            assignedTo = caller.hasRole(Role.DEPARTMENT_SYSTEM) ? caller.department() : null;
            channel = caller.hasRole(Role.CHANNEL_SYSTEM) && caller.channel() != null
                    ? Channel.valueOf(caller.channel()) : channel;
            if (caller.department() == null && caller.channel() == null) {
                return new ListView<>(List.of(), page, cappedSize, 0, null);
            }
        }
        WorkOrderStore.Page result = workOrders.search(
                new WorkOrderStore.Filter(anyOf(status), blankToNull(department), channel, blankToNull(category),
                        blankToNull(community), blankToNull(phone), assignedTo, blankToNull(dispatchedTo), dispatched,
                        from, to, followedUp),
                position, page, cappedSize);
        return new ListView<>(result.content().stream().map(views::summary).toList(), page, cappedSize,
                result.totalElements(), result.next() == null ? null : ListPositions.token(result.next()));
    }

    /** An end of the window of acceptance, read as the summary reads its {@code from} / {@code to}; null if none. */
    private Instant windowEnd(String field, String value, boolean end) {
        if (blankToNull(value) == null) {
            return null;
        }
        // @WindowEnd has refused an unreadable one with the call's other problems
        return (end ? WindowEnds.end(value, zone) : WindowEnds.start(value, zone))
            .orElseThrow(() -> new InvalidRequest(List.of(new FieldProblem(field, WindowEnds.unreadable(value)))));
    }

    /**
     * The statuses asked for: {@code ?status=DISPATCHED&status=ACKNOWLEDGED} (or
     * {@code ?status=DISPATCHED,ACKNOWLEDGED}) lists the orders in either; an empty value asks for none in
     * particular. Only the first was taken before, and the others dropped without a word.
     */
    private static Set<RequestStatus> anyOf(List<RequestStatus> statuses) {
        return statuses == null ? Set.of()
                : statuses.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The dispatcher's queue: unroutable and returned orders, emergencies first, then urgent ones, then the rest, each
     * oldest first (then by id), with why each is there. Each page says where the next one starts ({@code next});
     * read with {@code after=<next>}, it continues with the orders after the page's last, wherever orders were
     * dispatched, rejected, merged or queued meanwhile: a page number counts from the top again, so that a page of
     * orders dispatched made the next skip as many, and an order queued above the page showed its last once more.
     */
    @GetMapping("/triage")
    ListView<WorkOrderViews.QueueView> triage(@RequestParam(required = false) @Size(max = 128) String after,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) int size,
            @RequestParam MultiValueMap<String, String> parameters) {
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        WorkOrderStore.QueuePosition position = ListTokens.after(after, parameters, ListPositions::readQueue, "queue");
        WorkOrderStore.QueuePage result = workOrders.triageQueue(position, page, cappedSize);
        return new ListView<>(result.content().stream().map(views::queued).toList(), page, cappedSize,
                result.totalElements(), result.next() == null ? null : ListPositions.token(result.next()));
    }

    /** Orders with likely duplicates a dispatcher may still merge, newest first, with the candidates and scores. */
    @GetMapping("/duplicates")
    PageView<WorkOrderViews.DuplicateView> duplicates(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) int size) {
        int cappedSize = Math.min(size, MAX_PAGE_SIZE);
        WorkOrderService.MergeablePage result = workOrders.duplicateCandidates(page, cappedSize);
        return new PageView<>(result.content().stream().map(views::duplicate).toList(), page, cappedSize,
                result.totalElements());
    }

    @GetMapping("/{id}")
    OrderView get(@PathVariable String id) {
        return view(visible(workOrders.find(parse(id)), id));
    }

    /** The order as answered: with those of its likely duplicates still open. */
    private OrderView view(WorkOrder.State order) {
        return views.order(order, workOrders.openCandidates(order));
    }

    /** The order, if the caller may see it; otherwise exactly the answer for an order that doesn't exist. */
    private static WorkOrder.State visible(WorkOrder.State order, String asked) {
        if (!OrderAccess.visible(order, Caller.current())) {
            throw new WorkOrderNotFound(asked);
        }
        return order;
    }

    /**
     * An order by the number a caller reads out. A number of the wrong form, or whose check digit does not match (a
     * digit misheard or mistyped), is a 400 saying so, not a 404 that would look like no such order.
     */
    @GetMapping("/by-tracking-number/{trackingNumber}")
    OrderView byTrackingNumber(@PathVariable String trackingNumber) {
        String normalized = TrackingNumber.digits(trackingNumber);
        if (!normalized.matches("\\d{17}")) {
            throw new InvalidRequest(List.of(new FieldProblem("trackingNumber", "must be the 17 digits of a tracking "
                    + "number (spaces and dashes between groups allowed)" + (normalized.matches("\\d*")
                            ? "; this has " + normalized.length() + " digits" : "; this holds other characters"))));
        }
        if (!TrackingNumber.isWellFormed(normalized)) {
            throw new InvalidRequest(List.of(new FieldProblem("trackingNumber", "has a check digit that does not "
                    + "match: a digit was misheard or mistyped; ask the caller to read the number again")));
        }
        return view(visible(workOrders.findByTrackingNumber(normalized), "with tracking number " + trackingNumber));
    }

    /**
     * A department's report. Sent with an {@code Idempotency-Key} header, a report sent again under the same key (a
     * retry after a lost answer) is answered 200 with the order as it stands and changes nothing, even when the
     * first one took the order from the department (a return): without a key a repeat is refused (409), or, late,
     * applied to a newer state.
     */
    @PostMapping("/{id}/events")
    OrderView report(@PathVariable String id, @Valid @RequestBody DepartmentEventBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        UUID orderId = parse(id);
        Long version = IfMatch.version(ifMatch);
        Caller caller = Caller.current();
        if (caller.verified() && caller.hasRole(Role.DEPARTMENT_SYSTEM) && !body.department().equals(caller.department())) {
            // refused, not ignored: a department system reports as itself only
            throw new CallerForbidden("department: a department system reports for its own department only ("
                    + caller.department() + "), not for " + body.department() + ".");
        }
        WorkOrder.State found = workOrders.find(orderId);
        String step = WorkOrderService.reportStep(body.type().name());
        boolean repeated = key != null && found.reported(body.department(), key, step);
        if (!OrderAccess.visible(found, caller)) {
            // a department that had the order knows of it: it lost it (a 409 whenever the report came), or it sends
            // again a report that was applied before the order left it (no longer its to read)
            if (caller.hasRole(Role.DEPARTMENT_SYSTEM) && (repeated || found.heldOnceBy(caller.department()))) {
                throw new NoLongerAssigned(orderId, caller.department(), found.status(), repeated);
            }
            throw new WorkOrderNotFound(id);
        }
        if (repeated) {
            return view(found);
        }
        List<FieldProblem> errors = new ArrayList<>();
        if (body.until() != null && body.type() != WorkOrderBodies.DepartmentEventType.EXTENSION_REQUESTED) {
            // ignored, a department would believe it had asked for more time
            errors.add(new FieldProblem("until", "goes with EXTENSION_REQUESTED only, not " + body.type()));
        }
        switch (body.type()) {
            case RESOLVED -> requireText(body.note(), "note", "say what was done", errors);
            case RETURNED -> requireText(body.reason(), "reason", "say why the order is not this department's", errors);
            case EXTENSION_REQUESTED -> {
                requireText(body.reason(), "reason", "say why more time is needed", errors);
                if (body.until() == null) {
                    errors.add(new FieldProblem("until", "is required: the new deadline asked for"));
                }
                else if (!body.until().toInstant().isAfter(clock.instant())) {
                    errors.add(new FieldProblem("until", "must be in the future"));
                }
                else {
                    onAWorkingDay(body.until(), errors);
                }
            }
            case ACKNOWLEDGED, STARTED -> {
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        WorkOrderService.Returned returned = body.type() == WorkOrderBodies.DepartmentEventType.RETURNED
                ? workOrders.returnOrder(orderId, body.department(), key, version, body.reason()) : null;
        WorkOrder.State state = switch (body.type()) {
            case ACKNOWLEDGED -> workOrders.acknowledge(orderId, body.department(), key, version, body.note());
            case STARTED -> workOrders.start(orderId, body.department(), key, version, body.note());
            case RESOLVED -> workOrders.resolve(orderId, body.department(), key, version, body.note());
            case RETURNED -> returned.order();
            case EXTENSION_REQUESTED -> workOrders.requestExtension(orderId, body.department(), key, version,
                    body.until().toInstant(), body.reason());
        };
        if (!OrderAccess.visible(state, caller)) {
            // the department no longer has the order: never answered with it as another department now has it
            if (returned != null && returned.asReturned() != null) {
                // this return took it away (re-routed at once, or to the dispatchers): as the department left it
                return view(returned.asReturned());
            }
            // a repeat under its key, answered from the order as it stands after another's step took it away (two
            // sent at once: the other was applied while this one's check ran on the order as it was)
            throw new NoLongerAssigned(orderId, caller.department(), state.status(), true);
        }
        return view(state);
    }

    /** A supervisor's decision on a waiting extension request. */
    @PostMapping("/{id}/extension")
    OrderView decideExtension(@PathVariable String id, @Valid @RequestBody WorkOrderBodies.ExtensionDecisionBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return view(workOrders.decideExtension(parse(id), step("supervisor", "supervisor", key, ifMatch),
                body.approved(), blankToNull(body.note())));
    }

    @PostMapping("/{id}/feedback")
    OrderView feedback(@PathVariable String id, @Valid @RequestBody FeedbackBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return view(workOrders.recordFeedback(parse(id), step("operator", "callback", key, ifMatch),
                body.satisfaction(), blankToNull(body.comment())));
    }

    @PostMapping("/{id}/dispatch")
    OrderView dispatch(@PathVariable String id, @Valid @RequestBody DispatchBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return view(workOrders.dispatch(parse(id), step("dispatcher", "dispatcher", key, ifMatch), body.department(),
                coDepartments(body.department(), body.coDepartments()), blankToNull(body.note()),
                Boolean.TRUE.equals(body.finalRuling())));
    }

    /**
     * The departments assisting {@code lead}: each named once, and not the lead itself (it was stored as its own
     * co-department, and a department named twice was listed twice).
     */
    private static List<String> coDepartments(String lead, List<String> assisting) {
        if (assisting == null) {
            return List.of();
        }
        List<FieldProblem> errors = new ArrayList<>();
        for (int i = 0; i < assisting.size(); i++) {
            String department = assisting.get(i);
            if (department.equals(lead)) {
                errors.add(new FieldProblem("coDepartments[" + i + "]", "is the lead department"));
            }
            else if (assisting.indexOf(department) < i) {
                errors.add(new FieldProblem("coDepartments[" + i + "]", "names " + department + " a second time"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return assisting;
    }

    /** 改派: a dispatcher moves an order from the department that has it to another; the reason is required. */
    @PostMapping("/{id}/transfer")
    OrderView transfer(@PathVariable String id, @Valid @RequestBody TransferBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return view(workOrders.transfer(parse(id), step("dispatcher", "dispatcher", key, ifMatch), body.department(),
                coDepartments(body.department(), body.coDepartments()), body.reason().trim(),
                Boolean.TRUE.equals(body.finalRuling())));
    }

    /**
     * 催办: the requester asked after an open order again — on the hotline (the operator who took the call records
     * it) or in a channel's own app (its system passes it on, for the orders of its channel only: another's answers
     * 404 as for reading it). The department holding the order is told; nothing else of the order changes.
     */
    @PostMapping("/{id}/follow-ups")
    OrderView followUp(@PathVariable String id, @Valid @RequestBody WorkOrderBodies.FollowUpBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        UUID orderId = parse(id);
        Caller caller = Caller.current();
        WorkOrderService.Step step = step("operator", "operator", key, ifMatch);
        if (!OrderAccess.seesEveryOrder(caller)) {
            if (!OrderAccess.visible(workOrders.find(orderId), caller)) {
                throw new WorkOrderNotFound(id);
            }
            step = new WorkOrderService.Step("channel:" + caller.channel(), key, step.ifVersion());
        }
        return view(workOrders.followUp(orderId, step, body.note().trim()));
    }

    @PostMapping("/{id}/reject")
    OrderView reject(@PathVariable String id, @Valid @RequestBody RejectBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return view(workOrders.reject(parse(id), step("dispatcher", "dispatcher", key, ifMatch),
                body.code() == null ? RejectionReason.OTHER : body.code(), body.reason()));
    }

    @PostMapping("/{id}/merge")
    OrderView merge(@PathVariable String id, @Valid @RequestBody MergeBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String key,
            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        Long version = IfMatch.version(ifMatch);
        UUID into;
        try {
            into = UUID.fromString(body.into());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRequest(List.of(new FieldProblem("into", "must be the id of an order")));
        }
        return view(workOrders.merge(parse(id), new WorkOrderService.Step(actor("dispatcher", "dispatcher"), key,
                version), into));
    }

    /** A person's step: who takes it, its Idempotency-Key and the version it was decided on. */
    private static WorkOrderService.Step step(String role, String unnamed, String key, String ifMatch) {
        return new WorkOrderService.Step(actor(role, unnamed), key, IfMatch.version(ifMatch));
    }

    /**
     * Who took a person's step, as the timeline names it: {@code dispatcher:<user>}, {@code supervisor:<user>},
     * {@code operator:<user>} (the signed-in person, as an operator taking a call is named), so that among several
     * dispatchers one can tell who rejected or merged an order; {@code unnamed} (the step's bare name, as before)
     * where tokens are not checked.
     */
    private static String actor(String role, String unnamed) {
        Caller caller = Caller.current();
        return caller.verified() ? role + ":" + caller.actor() : unnamed;
    }

    /**
     * A deadline falls on a working day of the official calendar (in the SLA's time zone): one asked for on a day
     * off would pass unwatched, and a department's day starts again only on the next working day.
     */
    private void onAWorkingDay(OffsetDateTime until, List<FieldProblem> errors) {
        ZonedDateTime local = until.atZoneSameInstant(zone);
        CalendarService.DayInfo day = calendar.day(local.toLocalDate());
        if (!day.working()) {
            LocalDate next = calendar.nextWorkingDay(day.date());
            String what = day.name() != null ? day.name() : day.kind() == CalendarYear.DayKind.HOLIDAY
                    ? "a public holiday" : "a weekend";
            errors.add(new FieldProblem("until", "falls on " + dayName(day.date()) + " " + day.date() + " (" + zone
                    + "), a day off (" + what + "): ask for a working day, such as " + dayName(next) + " " + next));
        }
    }

    private static String dayName(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static void requireText(String value, String field, String what, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldProblem(field, "is required: " + what));
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw new WorkOrderNotFound(id);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
