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
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/** The clients API's refusals as Problem Details: 400 naming every invalid field, 404, 409. */
@RestControllerAdvice(assignableTypes = ClientController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClientProblems {

    @ExceptionHandler(InvalidClientRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidClientRequest ex) {
        return invalidFields(ex.errors());
    }

    /** A field of the wrong JSON type is named like any other invalid field; a body that is no JSON is refused as such. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        if (ex.getCause() instanceof JacksonException jackson && !(jackson instanceof StreamReadException)
                && !jackson.getPath().isEmpty() && jackson.getPath().get(0).getPropertyName() != null) {
            return invalidFields(List.of(new FieldProblem(jackson.getPath().get(0).getPropertyName(),
                    "must be a string")));
        }
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_BODY, "The request body can't be read",
                "Send a JSON object, e.g. {\"kind\": \"DEPARTMENT_SYSTEM\", \"department\": \"street-office-2\"}.");
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

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
