package cn.onenet.routing.workorder.web;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.IdempotencyKey;
import cn.onenet.platform.web.ProblemHandler;
import cn.onenet.routing.workorder.ConcurrentChange;
import cn.onenet.routing.workorder.NoLongerAssigned;
import cn.onenet.routing.workorder.NotAssignedDepartment;
import cn.onenet.routing.workorder.OrderChanged;
import cn.onenet.routing.workorder.ReportKeyReused;
import cn.onenet.routing.workorder.TransitionRefused;
import cn.onenet.routing.workorder.UnknownDepartment;
import cn.onenet.routing.workorder.UnknownMergeTarget;
import cn.onenet.routing.workorder.WorkOrderNotFound;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The work-order domain's refusals as Problem Details. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkOrderProblems {

    @ExceptionHandler(WorkOrderNotFound.class)
    ResponseEntity<ProblemDetail> notFound(WorkOrderNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Work order not found", ex.getMessage());
    }

    @ExceptionHandler(TransitionRefused.class)
    ResponseEntity<ProblemDetail> refused(TransitionRefused ex) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, ProblemTypes.TRANSITION_REFUSED,
                "The order can't take this step now", ex.getMessage());
        response.getBody().setProperty("currentStatus", ex.status());
        return response;
    }

    /** 412: the order changed since the version the caller sent the step for; the answer says what it is now. */
    @ExceptionHandler(OrderChanged.class)
    ResponseEntity<ProblemDetail> changed(OrderChanged ex) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.ORDER_CHANGED,
                "The order changed since you read it", ex.getMessage());
        response.getBody().setProperty("currentStatus", ex.current().status());
        response.getBody().setProperty("currentVersion", ex.current().revision());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(IfMatch.etag(ex.current().revision()))
            .body(response.getBody());
    }

    /** 422 naming the header: a key used for another report on the order. */
    @ExceptionHandler(ReportKeyReused.class)
    ResponseEntity<ProblemDetail> keyReused(ReportKeyReused ex) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION,
                "The request has invalid fields", IdempotencyKey.HEADER + ": " + ex.getMessage());
        response.getBody().setProperty("errors", List.of(new FieldProblem(IdempotencyKey.HEADER, ex.getMessage())));
        return response;
    }

    @ExceptionHandler(NoLongerAssigned.class)
    ResponseEntity<ProblemDetail> noLongerAssigned(NoLongerAssigned ex) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, ProblemTypes.TRANSITION_REFUSED,
                "The order is no longer with this department", ex.getMessage());
        response.getBody().setProperty("orderStatus", ex.status());
        response.getBody().setProperty("applied", ex.applied());
        return response;
    }

    @ExceptionHandler(NotAssignedDepartment.class)
    ResponseEntity<ProblemDetail> notAssigned(NotAssignedDepartment ex) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Not the assigned department", ex.getMessage());
    }

    @ExceptionHandler(ConcurrentChange.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrentChange ex) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "The order is being changed by someone else",
                "The order changed while this call was applied; nothing was changed by it. Reload and try again.");
    }

    @ExceptionHandler(UnknownDepartment.class)
    ResponseEntity<ProblemDetail> unknownDepartment(UnknownDepartment ex) {
        return invalid(ex.field(), ex.getMessage());
    }

    @ExceptionHandler(UnknownMergeTarget.class)
    ResponseEntity<ProblemDetail> unknownMergeTarget(UnknownMergeTarget ex) {
        return invalid("into", ex.getMessage());
    }

    private static ResponseEntity<ProblemDetail> invalid(String field, String message) {
        return ProblemHandler.invalidFields(List.of(new FieldProblem(field, message)));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
        return ProblemHandler.respond(status, type, title, detail);
    }
}
