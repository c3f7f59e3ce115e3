package cn.onenet.routing.delivery.web;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.web.FieldProblem;
import cn.onenet.platform.web.ProblemHandler;
import cn.onenet.routing.delivery.DeliveryNotFound;
import cn.onenet.routing.delivery.DeliveryNotRetryable;
import cn.onenet.routing.delivery.InvalidTarget;
import cn.onenet.routing.delivery.InvalidWebhook;
import cn.onenet.routing.delivery.WebhookNotFound;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The delivery domain's refusals as Problem Details. */
@RestControllerAdvice(assignableTypes = { WebhookController.class, FeedController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeliveryProblems {

    @ExceptionHandler(WebhookNotFound.class)
    ResponseEntity<ProblemDetail> webhookNotFound(WebhookNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Webhook not found", ex.getMessage());
    }

    @ExceptionHandler(DeliveryNotFound.class)
    ResponseEntity<ProblemDetail> deliveryNotFound(DeliveryNotFound ex) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Delivery not found", ex.getMessage());
    }

    @ExceptionHandler(DeliveryNotRetryable.class)
    ResponseEntity<ProblemDetail> notRetryable(DeliveryNotRetryable ex) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                "Only a parked or pending delivery can be retried", ex.getMessage());
        response.getBody().setProperty("currentState", ex.state());
        return response;
    }

    @ExceptionHandler(InvalidTarget.class)
    ResponseEntity<ProblemDetail> invalidTarget(InvalidTarget ex) {
        return invalid(List.of(new FieldProblem("target", ex.getMessage())));
    }

    @ExceptionHandler(InvalidWebhook.class)
    ResponseEntity<ProblemDetail> invalidWebhook(InvalidWebhook ex) {
        return invalid(ex.problems().stream().map(problem -> new FieldProblem(problem.getKey(), problem.getValue())).toList());
    }

    private static ResponseEntity<ProblemDetail> invalid(List<FieldProblem> errors) {
        return ProblemHandler.invalidFields(errors);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
        return ProblemHandler.respond(status, type, title, detail);
    }
}
