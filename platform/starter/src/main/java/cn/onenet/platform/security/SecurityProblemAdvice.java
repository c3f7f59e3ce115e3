package cn.onenet.platform.security;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.web.ProblemHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals raised inside controllers ({@link CallerForbidden}, or Spring Security's {@link AccessDeniedException}
 * from a method rule) as 403 Problem Details, before the catch-all handler would call them internal errors.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class SecurityProblemAdvice {

    @ExceptionHandler(CallerForbidden.class)
    ResponseEntity<ProblemDetail> forbidden(CallerForbidden refusal) {
        return ProblemHandler.respond(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", refusal.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException denied) {
        return ProblemHandler.respond(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                "Your role does not allow this.");
    }
}
