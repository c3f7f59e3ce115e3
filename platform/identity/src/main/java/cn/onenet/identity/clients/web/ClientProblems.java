package cn.onenet.identity.clients.web;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.identity.clients.ClientAlreadyExists;
import cn.onenet.identity.clients.ClientNotFound;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The clients API's refusals as Problem Details: 400 naming every invalid field, 404, 409. */
@RestControllerAdvice(assignableTypes = ClientController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientProblems {

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
