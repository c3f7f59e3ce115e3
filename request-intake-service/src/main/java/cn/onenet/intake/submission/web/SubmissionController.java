package cn.onenet.intake.submission.web;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.RequestStatus;
import cn.onenet.contracts.Urgency;
import cn.onenet.contracts.requests.Location;
import cn.onenet.contracts.requests.Requester;
import cn.onenet.contracts.security.Role;
import cn.onenet.intake.submission.Acceptance;
import cn.onenet.intake.submission.Submission;
import cn.onenet.intake.submission.SubmissionService;
import cn.onenet.platform.security.Caller;
import cn.onenet.platform.web.IdempotencyKey;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/requests")
class SubmissionController {


    /** Compiled once: {@code String.replaceAll} compiles its pattern on every request. */
    private static final java.util.regex.Pattern LAYOUT = java.util.regex.Pattern.compile("[\\s()]");
    private static final java.util.regex.Pattern MOBILE = java.util.regex.Pattern.compile("(\\+?86)?1[3-9]\\d{9}");

    private final SubmissionService submissions;
    private final ZoneId zone;

    SubmissionController(SubmissionService submissions, IntakeWebProperties properties) {
        this.submissions = submissions;
        this.zone = properties.timeZone();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    // what the OpenAPI document says it answers (it said 200, and clients generated from it expected that)
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<AcceptedResponse> submit(@Valid @RequestBody SubmitRequestBody body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) @IdempotencyKey String idempotencyKey,
            @Parameter(hidden = true) Caller caller) {
        ChannelPermission.check(caller, body.channel());
        Submission submission = new Submission(body.channel(), blankToNull(body.externalId()), blankToNull(idempotencyKey),
                body.category().trim(), body.title().trim(), body.description().trim(),
                body.urgency() == null ? Urgency.NORMAL : body.urgency(),
                new Location(body.location().community().trim(), blankToNull(body.location().address()),
                        body.location().latitude(), body.location().longitude(), blankToNull(body.location().grid())),
                new Requester(body.requester().name().trim(), phone(body.requester().phone()),
                        body.requester().idNumber() == null ? null : body.requester().idNumber().trim().toUpperCase()));
        Acceptance acceptance = submissions.accept(submission, takenBy(caller, body.channel()),
                caller.verified() ? caller.subject() : null);
        return ResponseEntity.accepted()
            .location(URI.create("/api/v1/requests/" + acceptance.id()))
            .body(new AcceptedResponse(acceptance.id(), acceptance.trackingNumber(), RequestStatus.RECEIVED,
                    acceptance.acceptedAt().atZone(zone).toOffsetDateTime()));
    }

    /** The operator who took a hotline call, as their token names them; nobody for a channel system's request. */
    private static String takenBy(Caller caller, Channel channel) {
        return channel == Channel.HOTLINE && caller.verified() && caller.hasRole(Role.OPERATOR) ? caller.subject() : null;
    }

    /**
     * The phone number as kept: without the spaces and brackets it was read out with; a mobile number as its eleven
     * digits (no country code, no dashes), a landline with the dashes it was given ({@code 0571-87654321}).
     */
    static String phone(String asGiven) {
        String compact = LAYOUT.matcher(asGiven).replaceAll("");
        String digits = compact.replace("-", "");
        return MOBILE.matcher(digits).matches() ? digits.substring(digits.length() - 11) : compact;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    record AcceptedResponse(UUID id, String trackingNumber, RequestStatus status, OffsetDateTime acceptedAt) {
    }
}
