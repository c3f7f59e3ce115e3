package cn.onenet.gateway.problem;

import cn.onenet.contracts.MediaTypeRefusals;
import cn.onenet.contracts.ProblemTypes;
import cn.onenet.gateway.correlation.CorrelationId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers every error the gateway raises itself (unknown path, unsupported method, a failure of its own) with
 * Problem Details, whatever the caller accepts: there is no Whitelabel page. Replaces Boot's default handler.
 * Errors of the services are not seen here: their responses pass through unchanged.
 */
@Component
@Order(-1)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private final ProblemResponses problems;

    ProblemErrorWebExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        String path = exchange.getRequest().getPath().value();
        HttpHeaders headers = new HttpHeaders();
        Problem problem;
        if (failure instanceof ResponseStatusException statusException) {
            HttpStatusCode status = statusException.getStatusCode();
            headers.addAll(statusException.getHeaders());
            problem = new Problem(ProblemTypes.forStatus(status.value()), title(status), status.value(),
                    detail(exchange, statusException), path, null);
            if (status.is5xxServerError()) {
                logFailure(exchange, failure);
            }
            else if (log.isDebugEnabled()) {
                try (MDC.MDCCloseable ignored = CorrelationId.logContext(exchange)) {
                    log.debug("{} {} answered {}: {}", exchange.getRequest().getMethod(), path, status.value(),
                            failure.getMessage());
                }
            }
        }
        else if (failure instanceof InvalidMediaTypeException invalid) {
            // Accept is refused before anything reads it (AcceptHeaderFilter): what is left is a Content-Type
            problem = malformedMediaType(HttpHeaders.CONTENT_TYPE, invalid, path);
        }
        else {
            logFailure(exchange, failure);
            problem = new Problem(ProblemTypes.INTERNAL, "Internal error", 500,
                    "Something went wrong in the gateway. Quote the correlation id to support.",
                    path, null);
        }
        return problems.write(exchange, problem, headers);
    }

    /**
     * The problem for {@code header}, whose value is no media type: an {@code Accept} as {@link AcceptHeaderFilter}
     * refuses it before anything reads it; a {@code Content-Type} where a router function's predicate reads it
     * unguarded (the annotated endpoints answer 415). It is the caller's to mend.
     */
    static Problem malformedMediaType(String header, InvalidMediaTypeException invalid, String path) {
        String message = MediaTypeRefusals.noMediaType(invalid.getMediaType(), invalid.getMessage());
        return new Problem(ProblemTypes.VALIDATION, "Malformed " + header + " header", 400,
                "The " + header + " header could not be read (" + message + "); send a type/subtype such as "
                        + "application/json.",
                path, Map.of("errors", List.of(new InvalidField(header, message))));
    }

    private static void logFailure(ServerWebExchange exchange, Throwable failure) {
        try (MDC.MDCCloseable ignored = CorrelationId.logContext(exchange)) {
            log.error("Failed to serve {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    failure);
        }
    }

    private static String title(HttpStatusCode status) {
        if (status.value() == 500) {
            return "Internal error";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }

    private static String detail(ServerWebExchange exchange, ResponseStatusException failure) {
        String path = exchange.getRequest().getPath().value();
        if (failure instanceof MethodNotAllowedException notAllowed) {
            return "%s is not supported for %s; use %s.".formatted(notAllowed.getHttpMethod(), path,
                    notAllowed.getSupportedMethods().stream().map(Object::toString).sorted()
                        .collect(Collectors.joining(" or ")));
        }
        if (failure.getStatusCode().value() == 404) {
            return "Nothing is served at " + path + ". The API is under /api/v1 (see /swagger-ui.html); "
                    + "the console is at /.";
        }
        String reason = failure.getReason();
        return StringUtils.hasText(reason) ? reason : title(failure.getStatusCode());
    }
}
