package cn.onenet.platform.kafka.admin;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.InvalidRequest;
import cn.onenet.platform.web.ProblemHandler;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/admin/dead-letters?topic=&limit=&pendingOnly=} lists the dead letters of the topics this
 * service consumes; {@code POST /api/v1/admin/dead-letters/replay} publishes them again to their original topic,
 * each at most once. An operator's tool: administrators only (the access table's rule for the rest of the API).
 * Each replay is logged with who asked.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Validated
public class DeadLetterController {

    private final DeadLetters deadLetters;
    private final JsonMapper json = JsonMapper.builder().build();

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Listing list(@RequestParam(required = false) @ConsumedTopic String topic,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "false") boolean pendingOnly) {
        return new Listing(deadLetters.list(topic == null || topic.isBlank() ? null : topic, limit, pendingOnly));
    }

    /**
     * With {@code partition} and {@code offset}: that one dead letter, its payload replaced by {@code payload} when
     * given (a corrected event). Without them: every dead letter of the topic not replayed yet, as parked. A dead
     * letter a newer record of its key has superseded (the reference snapshot) is never replayed: 409 for one, left
     * and counted for all.
     */
    @PostMapping("/replay")
    ReplayOutcome replay(@Valid @RequestBody Replay request,
            @RequestHeader(name = "X-Actor", required = false) String claimedActor) {
        List<FieldProblem> errors = new ArrayList<>();
        boolean single = request.partition() != null || request.offset() != null;
        if (single && request.partition() == null) {
            errors.add(new FieldProblem("partition", "is required with offset"));
        }
        if (single && request.offset() == null) {
            errors.add(new FieldProblem("offset", "is required with partition"));
        }
        if (!single && request.payload() != null) {
            errors.add(new FieldProblem("payload", "corrects one dead letter: give its partition and offset"));
        }
        else if (request.payload() != null && !request.payload().isNull() && !request.payload().isObject()) {
            errors.add(new FieldProblem("payload", "must be the corrected event: a JSON object"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        // who replayed, in the log line: the token's subject; without token checks X-Actor, or anonymous
        String actor = Caller.current().auditActor(claimedActor);
        if (!single) {
            return deadLetters.replayAll(request.topic(), actor);
        }
        byte[] corrected = request.payload() == null || request.payload().isNull() ? null
                : json.writeValueAsBytes(request.payload());
        return deadLetters.replayOne(request.topic(), request.partition(), request.offset(), corrected, actor);
    }

    @ExceptionHandler(UnknownDeadLetterTopic.class)
    ResponseEntity<ProblemDetail> unknownTopic(UnknownDeadLetterTopic ex) {
        return ProblemHandler.invalidFields(List.of(new FieldProblem("topic", ex.getMessage())));
    }

    @ExceptionHandler(DeadLetterNotFound.class)
    ResponseEntity<ProblemDetail> notFound(DeadLetterNotFound ex) {
        return ProblemHandler.respond(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No such dead letter", ex.getMessage());
    }

    @ExceptionHandler(AlreadyReplayed.class)
    ResponseEntity<ProblemDetail> alreadyReplayed(AlreadyReplayed ex) {
        return ProblemHandler.respond(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Dead letter already replayed",
                ex.getMessage());
    }

    @ExceptionHandler(Superseded.class)
    ResponseEntity<ProblemDetail> superseded(Superseded ex) {
        return ProblemHandler.respond(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Dead letter superseded",
                ex.getMessage());
    }

    /** The dead letters, per consumed topic. */
    public record Listing(List<DeadLetterTopic> topics) {
    }

    /**
     * @param topic the consumed topic whose dead letters to replay (not the {@code .dlt} topic)
     * @param partition with {@code offset}: one dead letter of {@code <topic>.dlt}
     * @param payload a corrected event to publish instead of the parked payload (one dead letter only)
     */
    public record Replay(@NotBlank @ConsumedTopic String topic, @PositiveOrZero Integer partition,
            @PositiveOrZero Long offset, JsonNode payload) {
    }
}
