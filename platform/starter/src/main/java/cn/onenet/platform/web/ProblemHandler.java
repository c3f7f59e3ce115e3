package cn.onenet.platform.web;

import cn.onenet.contracts.ProblemTypes;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a service answers is RFC 9457 Problem Details with a stable {@code type}, a human title, a
 * detail that helps the caller fix the call, every invalid field under {@code errors}, and the correlation
 * id to quote to support. A service's own advice (for its domain exceptions) runs before this one.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final EveryParameter parameters;

    ProblemHandler(EveryParameter parameters) {
        this.parameters = parameters;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
            .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors bodyErrors) {
                bodyErrors.getFieldErrors()
                    .forEach(error -> errors.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
                bodyErrors.getGlobalErrors()
                    .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
            }
            else {
                String name = result.getMethodParameter().getParameterName();
                RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
                if (header != null && !header.name().isEmpty()) {
                    name = header.name();
                }
                String field = name;
                result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(field, error.getDefaultMessage())));
            }
        });
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // every field a second reading found (UnreadableFields), or the one the reading stopped at, or the body as a
        // whole; beside them the path's and the query's problems, so that no call is needed only to learn of those
        FieldProblem first = ex instanceof UnreadableFields ? null : describe(ex);
        List<FieldProblem> errors;
        if (first == null) {
            errors = withParameters(((UnreadableFields) ex).errors(), request);
        }
        else if (first.field() != null) {
            errors = withParameters(List.of(first), request);
        }
        else {
            // the body as a field only beside the path's or the query's problems; alone it is the answer's detail
            List<FieldProblem> withBody = withParameters(List.of(new FieldProblem("body", first.message())), request);
            errors = withBody.size() == 1 ? List.of() : withBody;
        }
        String detail = errors.isEmpty() ? first.message() : detail(errors.stream());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        body.setType(ProblemTypes.INVALID_BODY);
        body.setTitle("The request body can't be read");
        if (!errors.isEmpty()) {
            listErrors(body, errors);
        }
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** A body's fields, and beside them the path's and the query's that are wrong too (their names differ). */
    private List<FieldProblem> withParameters(List<FieldProblem> fields, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>(fields);
        parameters.problems(request).stream()
            .filter(problem -> errors.stream().noneMatch(known -> known.field().equals(problem.field())))
            .forEach(errors::add);
        errors.sort(Comparator.comparing(FieldProblem::field));
        return errors;
    }

    /** A path no endpoint serves: said as such, not as a missing static resource. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No endpoint " + ex.getHttpMethod()
                + " /" + ex.getResourcePath() + ": the OpenAPI documents at the gateway (/v3/api-docs/intake,"
                + " /v3/api-docs/routing) list the paths served.");
        body.setType(ProblemTypes.NOT_FOUND);
        body.setTitle("Not found");
        return handleExceptionInternal(ex, body, headers, HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<Object> handleInvalidRequest(InvalidRequest ex, WebRequest request) {
        return invalid(ex.errors(), new HttpHeaders(), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
            .map(violation -> new FieldProblem(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
            .toList();
        return invalid(errors, new HttpHeaders(), request);
    }

    private static String lastNode(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        FieldProblem first = new FieldProblem(ex.getName(),
                EveryParameter.expectation(ex.getParameter(), ex.getRequiredType()));
        return invalid(parameters.problems(first, request), new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldProblem first = new FieldProblem(ex.getParameterName(), "is required");
        return invalid(parameters.problems(first, request), headers, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (TOMCAT_INVALID_PARAMETER.equals(ex.getClass().getName())) {
            return invalid(List.of(invalidParameter(ex.getMessage())), new HttpHeaders(), request);
        }
        log.error("Unexpected failure serving {}", request.getDescription(false), ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed by this call. Quote the correlation id to support.");
        body.setType(ProblemTypes.INTERNAL);
        body.setTitle("Internal error");
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /**
     * Tomcat's refusal of a query parameter whose percent-encoding is no UTF-8 ({@code ?phone=%E4%B8}, half a Chinese
     * character; {@code %ZZ}), thrown at the first read of a parameter. Named by class, as the starter does not need
     * Tomcat to load.
     */
    static final String TOMCAT_INVALID_PARAMETER = "org.apache.tomcat.util.http.InvalidParameterException";

    private static final Pattern TOMCAT_PARAMETER = Pattern.compile("Parameter \\[([^\\]]*)\\]");

    /** The parameter Tomcat's message names (as Tomcat decoded its name), or {@code query} if it names none. */
    static FieldProblem invalidParameter(String message) {
        Matcher named = TOMCAT_PARAMETER.matcher(message == null ? "" : message);
        return new FieldProblem(named.find() ? named.group(1) : "query", "is not valid percent-encoded UTF-8: "
                + "encode each byte of the UTF-8 text as %XX, e.g. 中 as %E4%B8%AD");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            decorate(problem, statusCode);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            decorate(problem, statusCode);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** A Problem Details answer for a domain's refusal, with the shared decorations. */
    public static ResponseEntity<ProblemDetail> respond(HttpStatus status, java.net.URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        decorate(problem, status);
        return ResponseEntity.status(status).body(problem);
    }

    /** A 400 listing every invalid field, sorted by field, in the shape every service answers. */
    public static ResponseEntity<ProblemDetail> invalidFields(List<FieldProblem> errors) {
        List<FieldProblem> sorted = errors.stream().sorted(java.util.Comparator.comparing(FieldProblem::field)).toList();
        ResponseEntity<ProblemDetail> response = respond(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                "The request has invalid fields", detail(sorted.stream()));
        listErrors(response.getBody(), sorted);
        return response;
    }

    /**
     * The problems as the detail says them, the first {@link #ERRORS_LISTED} at most: a body of 3,000 unknown fields
     * (43 KB) was answered with 478 KB naming each twice.
     */
    private static String detail(java.util.stream.Stream<FieldProblem> errors) {
        List<String> said = errors.map(error -> error.field() + ": " + error.message()).toList();
        String listed = String.join("; ", said.subList(0, Math.min(said.size(), ERRORS_LISTED)));
        return said.size() <= ERRORS_LISTED ? listed : listed + "; and " + (said.size() - ERRORS_LISTED) + " more";
    }

    /** The first {@link #ERRORS_LISTED} of {@code errors}, and how many more there are ({@code moreErrors}). */
    private static void listErrors(ProblemDetail problem, List<FieldProblem> errors) {
        problem.setProperty("errors", errors.subList(0, Math.min(errors.size(), ERRORS_LISTED)));
        if (errors.size() > ERRORS_LISTED) {
            problem.setProperty("moreErrors", errors.size() - ERRORS_LISTED);
        }
    }

    /** Gives a problem the shared type for its status (unless it has one) and the correlation id. */
    public static ProblemDetail decorate(ProblemDetail problem, HttpStatusCode statusCode) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemTypes.forStatus(statusCode.value()));
        }
        String correlationId = CorrelationId.current();
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    private ResponseEntity<Object> invalid(List<FieldProblem> errors, HttpHeaders headers, WebRequest request) {
        // a field two checks find wrong for the same reason (a body constraint and the service's own) is named once
        List<FieldProblem> distinct = errors.stream().distinct().toList();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail(distinct.stream()
            .sorted(java.util.Comparator.comparing((FieldProblem error) -> error.field() + ": " + error.message()))));
        body.setType(ProblemTypes.VALIDATION);
        body.setTitle("The request has invalid fields");
        listErrors(body, distinct.stream().sorted(java.util.Comparator.comparing(FieldProblem::field)).toList());
        return handleExceptionInternal(null, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Names the field a JSON error is about, in the dotted form the caller wrote it. */
    static FieldProblem describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        FieldProblem duplicate = cause instanceof JacksonException jackson
                ? EveryFieldJsonConverter.duplicateKey(jackson) : null;
        if (duplicate != null) {
            return duplicate;
        }
        if (cause instanceof InputCoercionException tooLarge && !tooLarge.getPath().isEmpty()) {
            return describe(tooLarge, path(tooLarge));
        }
        if (cause instanceof StreamReadException) {
            String problem = withoutSource(((JacksonException) cause).getOriginalMessage());
            return new FieldProblem(null, "The body is not well-formed JSON: " + problem);
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return describe(jackson, path(jackson));
        }
        if (cause instanceof MismatchedInputException whole && whole.getTargetType() != null) {
            // well-formed JSON of another kind than the body must be: [], "text", 5
            String kind = jsonTypeName(whole.getTargetType());
            return new FieldProblem(null, "The body must be " + (kind.equals("an object") ? "a JSON object"
                    : kind.equals("an array") ? "a JSON array" : kind) + ".");
        }
        // no body, or the JSON null: every body of these services is an object
        return new FieldProblem(null, "The body must be a JSON object.");
    }

    /** Where Jackson met a problem, said without its note on the hidden source. */
    private static final Pattern SOURCE = Pattern.compile(
            "\\s*\\((start marker )?at \\[Source: [^\\]]*?(; line: (\\d+), column: (\\d+))?]\\)");

    /**
     * A parser's message without the part about its source ({@code (start marker at [Source: REDACTED (…) disabled);
     * line: 1, column: 1])}), which says nothing to a caller; the line and column where an object or array opened stay.
     */
    static String withoutSource(String message) {
        if (message == null) {
            return null;
        }
        Matcher source = SOURCE.matcher(message);
        StringBuilder readable = new StringBuilder();
        while (source.find()) {
            String where = source.group(2) == null ? ""
                    : " (" + (source.group(1) == null ? "" : "opened ") + "at line " + source.group(3) + ", column "
                            + source.group(4) + ")";
            source.appendReplacement(readable, Matcher.quoteReplacement(where));
        }
        source.appendTail(readable);
        return readable.toString().replaceAll("\\s*at \\[Source: [^\\]]*]", "");
    }

    /** What is wrong with the value at {@code field}, in words that help the caller fix it. */
    static FieldProblem describe(JacksonException cause, String field) {
        return new FieldProblem(field, describe(cause));
    }

    static final String UNKNOWN_FIELD = "unknown field; it is not part of this API and can't be set";
    /** The problems a 400 names at most; how many more there are is said. */
    static final int ERRORS_LISTED = 100;

    static String describe(JacksonException cause) {
        if (cause instanceof UnrecognizedPropertyException) {
            return UNKNOWN_FIELD;
        }
        if (cause instanceof InputCoercionException tooLarge) {
            return range(tooLarge.getTargetType());
        }
        if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            Class<?> target = mismatched.getTargetType();
            if (target.isEnum()) {
                return "must be one of " + java.util.Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            }
            if (TEMPORAL.containsKey(target)) {
                return "must be " + TEMPORAL.get(target);
            }
            return "has the wrong type; expected " + jsonTypeName(target);
        }
        if (cause instanceof MismatchedInputException) {
            return "has the wrong type; expected a different JSON type";
        }
        return "can't be read: " + cause.getOriginalMessage();
    }

    /** A well-formed number out of its field's range ({@code 99999999999} for an int): the range, in words. */
    private static String range(Class<?> target) {
        if (target == int.class || target == Integer.class) {
            return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (target == long.class || target == Long.class) {
            return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (target == short.class || target == Short.class) {
            return "must be a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (target == byte.class || target == Byte.class) {
            return "must be a whole number from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        return "is out of the range this field takes";
    }

    /** Dates and times are JSON strings of one ISO-8601 form: "wrong type, expected object" would mislead. */
    private static final java.util.Map<Class<?>, String> TEMPORAL = java.util.Map.of(
            java.time.OffsetDateTime.class, "an ISO-8601 date-time with offset, e.g. 2026-11-28T10:15:30+08:00",
            java.time.ZonedDateTime.class, "an ISO-8601 date-time with offset, e.g. 2026-11-28T10:15:30+08:00",
            java.time.Instant.class, "an ISO-8601 date-time with offset, e.g. 2026-11-28T10:15:30+08:00",
            java.time.LocalDate.class, "an ISO-8601 date, e.g. 2026-10-01",
            java.time.LocalDateTime.class, "an ISO-8601 date-time, e.g. 2026-11-28T10:15:30",
            java.time.LocalTime.class, "an ISO-8601 time, e.g. 10:15:30",
            java.time.Duration.class, "an ISO-8601 duration, e.g. PT48H");

    /** The types a fraction is not read into ({@code 1.5} is no priority). */
    private static final java.util.Set<Class<?>> WHOLE = java.util.Set.of(int.class, Integer.class, long.class,
            Long.class, short.class, Short.class, byte.class, Byte.class, java.math.BigInteger.class);

    private static String jsonTypeName(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (WHOLE.contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
