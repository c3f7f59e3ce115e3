package cn.onenet.platform.security;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals raised inside controllers ({@link CallerForbidden}, or Spring Security's {@link AccessDeniedException}
 * from a method rule) as 403 Problem Details, and a header the firewall refuses as 400, before the catch-all
 * handler would call them internal errors.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class SecurityProblemAdvice {

    @ExceptionHandler(CallerForbidden.class)
    ResponseEntity<ProblemDetail> forbidden(CallerForbidden refusal) {
        return ProblemHandler.respond(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", refusal.getMessage());
    }

    /** A header the firewall refuses, read by a controller ({@code @RequestHeader}): 400 naming the header. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException refusal, HttpServletRequest request) {
        return FirewallRefusals.answer(request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException denied) {
        return ProblemHandler.respond(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                "Your role does not allow this.");
    }
}
