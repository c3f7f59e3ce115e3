package cn.onenet.intake.submission.web;

import cn.onenet.intake.submission.ReferenceDataNotLoaded;
import cn.onenet.intake.submission.SubmissionLogUnavailable;
import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.web.GatewayKeyFilter;
import cn.onenet.platform.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 503 with Retry-After whenever a request can't be durably accepted: never a 202 intake can't keep. Each 503 says in
 * {@code outcome} what the caller can know: {@code not-accepted} (nothing was sent: certainly not kept) or
 * {@code unknown} (sent, not confirmed in time: the broker may have kept it, and then it becomes an order).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeProblems {

    static final String NOT_ACCEPTED = "not-accepted";
    static final String UNKNOWN = "unknown";

    private static final Logger log = LoggerFactory.getLogger(IntakeProblems.class);

    @ExceptionHandler(SubmissionLogUnavailable.class)
    ResponseEntity<ProblemDetail> logUnavailable(SubmissionLogUnavailable ex, HttpServletRequest request) {
        boolean unknown = ex.outcome() == SubmissionLogUnavailable.Outcome.UNKNOWN;
        // one line, no stack trace: the failure is handled (the 503) and counted (onenet_intake_unavailable_total)
        log.warn("Answering 503 (outcome {}) for request {}: {} ({})", unknown ? UNKNOWN : NOT_ACCEPTED,
                ex.requestId(), ex.getMessage(), ex.getCause() == null ? "" : ex.getCause().toString());
        String gatewaysKey = GatewayKeyFilter.gatewaysKey(request);
        ResponseEntity<ProblemDetail> answer = unavailable(ex.getMessage() + " " + advice(ex, gatewaysKey),
                unknown ? UNKNOWN : NOT_ACCEPTED, ex.retryAfter().toSeconds());
        if (unknown && ex.requestId() != null) {
            answer.getBody().setProperty("id", ex.requestId());
            answer.getBody().setProperty("trackingNumber", ex.trackingNumber());
            if (gatewaysKey != null) {
                answer.getBody().setProperty("idempotencyKey", gatewaysKey);
            }
        }
        return answer;
    }

    private static String advice(SubmissionLogUnavailable ex, String gatewaysKey) {
        if (ex.outcome() == SubmissionLogUnavailable.Outcome.NOT_ACCEPTED) {
            return "Nothing was accepted; send the same request again.";
        }
        if (ex.repeatable() && gatewaysKey != null) {
            return "The request may have been accepted, as request " + ex.requestId() + " (" + ex.trackingNumber()
                    + "). It came without an Idempotency-Key; the gateway gave it the key " + gatewaysKey
                    + ": send it again with the header Idempotency-Key: " + gatewaysKey + ". It is never taken "
                    + "twice: the answer is a 202 with the same id and tracking number.";
        }
        if (ex.repeatable()) {
            return "The request may have been accepted: send the same request again with the same externalId (or "
                    + "Idempotency-Key). It is never taken twice: the answer is a 202 with the same id and tracking "
                    + "number, and an order already made from it keeps its first body.";
        }
        return "The request may have been accepted, as request " + ex.requestId() + " (" + ex.trackingNumber()
                + "). It has neither externalId nor Idempotency-Key, so sending it again is a new request: look it "
                + "up first with GET /api/v1/requests/" + ex.requestId() + " (it may appear there once the log "
                + "recovers), and send requests with an Idempotency-Key to retry them safely.";
    }

    @ExceptionHandler(SubmissionLoadShedding.IntakeBusy.class)
    ResponseEntity<ProblemDetail> busy(SubmissionLoadShedding.IntakeBusy ex) {
        return unavailable(ex.getMessage(), NOT_ACCEPTED, 1);
    }

    @ExceptionHandler(ReferenceDataNotLoaded.class)
    ResponseEntity<ProblemDetail> notReady(ReferenceDataNotLoaded ex) {
        return unavailable(ex.getMessage(), NOT_ACCEPTED, 5);
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail, String outcome, long retryAfterSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setProperty("outcome", outcome);
        problem.setType(ProblemTypes.SERVICE_UNAVAILABLE);
        // "can't be accepted" would be false of a request the broker may have kept
        problem.setTitle(UNKNOWN.equals(outcome) ? "Request's acceptance not confirmed"
                : "Request can't be accepted right now");
        ProblemHandler.decorate(problem, HttpStatus.SERVICE_UNAVAILABLE);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)))
            .body(problem);
    }
}
