package cn.onenet.intake.submission.web;

import cn.onenet.intake.submission.ReferenceDataNotLoaded;
import cn.onenet.intake.submission.SubmissionLogUnavailable;
import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.web.ProblemHandler;
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

/** 503 with Retry-After whenever a request can't be durably accepted: never a 202 intake can't keep. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeProblems {

    private static final Logger log = LoggerFactory.getLogger(IntakeProblems.class);

    @ExceptionHandler(SubmissionLogUnavailable.class)
    ResponseEntity<ProblemDetail> logUnavailable(SubmissionLogUnavailable ex) {
        log.warn("Refusing a request with 503: {} ({})", ex.getMessage(), ex.getCause() == null ? "" : ex.getCause().toString());
        return unavailable(ex.getMessage() + " Nothing was accepted; send the same request again.",
                ex.retryAfter().toSeconds());
    }

    @ExceptionHandler(SubmissionLoadShedding.IntakeBusy.class)
    ResponseEntity<ProblemDetail> busy(SubmissionLoadShedding.IntakeBusy ex) {
        return unavailable(ex.getMessage(), 1);
    }

    @ExceptionHandler(ReferenceDataNotLoaded.class)
    ResponseEntity<ProblemDetail> notReady(ReferenceDataNotLoaded ex) {
        return unavailable(ex.getMessage(), 5);
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail, long retryAfterSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(ProblemTypes.SERVICE_UNAVAILABLE);
        problem.setTitle("Request can't be accepted right now");
        ProblemHandler.decorate(problem, HttpStatus.SERVICE_UNAVAILABLE);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)))
            .body(problem);
    }
}
