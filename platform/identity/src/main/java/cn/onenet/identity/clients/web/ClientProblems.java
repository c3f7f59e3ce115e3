package cn.onenet.identity.clients.web;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.identity.clients.ClientAlreadyExists;
import cn.onenet.identity.clients.ClientNotFound;
import cn.onenet.identity.departments.DepartmentsUnavailable;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The clients API's refusals as Problem Details: 400 naming every invalid field, 404, 409, and 503 when the
 * department list can't be read.
 */
@RestControllerAdvice(assignableTypes = ClientController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientProblems {

    /** as the gateway asks callers to wait when a service can't be reached */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ClientProblems.class);

    @ExceptionHandler(InvalidClientRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidClientRequest ex) {
        return invalidFields(ex.errors());
    }

    /** A body that is no JSON object (or none at all) has no fields to name: it is refused as a whole. */
    @ExceptionHandler({ UnreadableBody.class, HttpMessageNotReadableException.class })
    ResponseEntity<ProblemDetail> unreadable(Exception ex) {
        String reason = ex instanceof UnreadableBody unreadable ? unreadable.getMessage()
                : "the body can't be read as text";
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_BODY, "The request body can't be read",
                capitalized(reason) + ". Send a JSON object, e.g. {\"kind\": \"DEPARTMENT_SYSTEM\", "
                        + "\"department\": \"street-office-2\"}.");
    }

    @ExceptionHandler(ClientNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ClientNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Client not found", ex.getMessage());
    }

    @ExceptionHandler(ClientAlreadyExists.class)
    ResponseEntity<ProblemDetail> exists(ClientAlreadyExists ex) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "The client exists already", ex.getMessage());
    }

    /** Nothing is added: a department system for a department that may not exist is worse than a later try. */
    @ExceptionHandler(DepartmentsUnavailable.class)
    ResponseEntity<ProblemDetail> departmentsUnavailable(DepartmentsUnavailable ex) {
        log.warn("A department system was not added: the department list could not be read ({})", ex.getMessage());
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SERVICE_UNAVAILABLE, "The department list can't be read", "The department list could "
                        + "not be read from the routing service, so the department can't be checked; nothing was "
                        + "added. Try again in a few seconds.");
        return ResponseEntity.status(problem.getStatusCode()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
            .body(problem.getBody());
    }

    private static ResponseEntity<ProblemDetail> invalidFields(List<FieldProblem> errors) {
        List<FieldProblem> sorted = errors.stream().sorted(Comparator.comparing(FieldProblem::field)).toList();
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                "The request has invalid fields",
                sorted.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; ")));
        response.getBody().setProperty("errors", sorted);
        return response;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
