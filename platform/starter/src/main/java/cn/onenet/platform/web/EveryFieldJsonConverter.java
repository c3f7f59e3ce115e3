package cn.onenet.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Conventions;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON bodies with the strict mapper; when that stops at a field (unknown, of the wrong type, a key given
 * twice), reads the same bytes again leniently ({@link LenientReading}) and validates what could be bound, so the
 * 400 lists every offending field in one answer, as API.md promises, instead of the first one Jackson met. Each
 * field is listed once: a value of the wrong type says so rather than, say, "must not be null". A body that is not
 * JSON at all stays one problem; one that stops being JSON after a wrong field is named {@code body} beside it.
 */
public class EveryFieldJsonConverter extends JacksonJsonHttpMessageConverter {

    private static final Pattern QUOTED_NAME = Pattern.compile("\"([^\"]*)\"");

    private final LenientReading lenient;
    private final ObjectProvider<Validator> validator;

    public EveryFieldJsonConverter(JsonMapper mapper, ObjectProvider<Validator> validator) {
        super(mapper);
        this.lenient = new LenientReading(mapper);
        this.validator = validator;
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) throws IOException {
        // bodies are small (the gateway caps them), and a second reading needs the same bytes
        byte[] body = input.getBody().readAllBytes();
        try {
            return super.read(type, new Buffered(body, input.getHeaders()), hints);
        }
        catch (HttpMessageNotReadableException ex) {
            if (!(ex.getCause() instanceof JacksonException cause) || !aboutAField(cause)) {
                throw ex;
            }
            List<FieldProblem> errors = everyProblem(cause, utf8(body, input.getHeaders()), type);
            throw new UnreadableFields(errors.isEmpty() ? List.of(ProblemHandler.describe(ex)) : errors, ex, input);
        }
    }

    private List<FieldProblem> everyProblem(JacksonException first, byte[] body, ResolvableType type) {
        // every key given twice, not only one the strict reading happened to stop at
        List<FieldProblem> errors = new ArrayList<>(lenient.repeatedKeys(body));
        FieldProblem duplicate = duplicateKey(first);
        if (duplicate != null && !errors.contains(duplicate)) {
            errors.add(duplicate);
        }
        LenientReading.Result result;
        try {
            result = lenient.read(body, getMapper().constructType(type.getType()));
        }
        catch (JacksonException unreadable) {
            // what the second reading can't get past either: the first answer is the best there is
            if (duplicate == null) {
                errors.add(ProblemHandler.describe(first, ProblemHandler.path(first)));
            }
            if (unreadable instanceof StreamReadException && !(unreadable instanceof InputCoercionException)) {
                // the body breaks off or stops being JSON after the field: that is said too
                errors.add(new FieldProblem("body", "The body is not well-formed JSON: "
                        + ProblemHandler.withoutSource(unreadable.getOriginalMessage())));
            }
            return errors.stream().distinct().toList();
        }
        for (FieldProblem problem : result.problems()) {
            if (!named(errors, problem.field())) {
                errors.add(problem);
            }
        }
        Validator checks = validator.getIfUnique();
        if (checks != null && result.value() != null) {
            List<FieldProblem> invalid = new ArrayList<>();
            Set<ConstraintViolation<Object>> violations = checks.validate(result.value());
            for (ConstraintViolation<Object> violation : violations) {
                String field = field(violation.getPropertyPath());
                field = field.isEmpty() ? Conventions.getVariableName(result.value()) : field;
                if (!judged(errors, field, violation.getInvalidValue())) {
                    invalid.add(new FieldProblem(field, violation.getMessage()));
                }
            }
            // a field two checks find wrong for the same reason is named once
            errors.addAll(invalid.stream().distinct().toList());
        }
        return errors;
    }

    /**
     * A violation's field as Spring MVC names it on the strict reading ({@code holidays[2]}, {@code sla[URGENT].x}),
     * not as the validator prints its path ({@code holidays[2].<list element>}).
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && !field.isEmpty()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex()
                        : node.getKey() != null ? node.getKey() : "").append(']');
            }
            String name = node.getName();
            if (name != null && node.getKind() == ElementKind.PROPERTY && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.toString();
    }

    /** Whether the field or a value inside it is named already (a list whose item could not be read is not null). */
    private static boolean named(List<FieldProblem> errors, String field) {
        return errors.stream().anyMatch(error -> LenientReading.named(field, error.field()));
    }

    /**
     * Whether a violation's field is named already, so that each field is listed once: the same field; or, when the
     * value the check judged is null because the second reading skipped it, a field inside it (a place nulled for
     * its latitude is not also "must not be null") or an item of it ({@code categories[]}, an item of a set, when
     * {@code categories[1]} could not be read). A check that judged a value (the size of a list, a record's own rule)
     * is a problem of its own and is listed beside the items named.
     */
    private static boolean judged(List<FieldProblem> errors, String field, Object value) {
        return errors.stream().anyMatch(error -> error.field().equals(field) || value == null
                && (LenientReading.named(field, error.field()) || anItemOf(field, error.field())));
    }

    /** Whether {@code at} is (or is inside) an item of {@code field}, which has an item without an index. */
    private static boolean anItemOf(String field, String at) {
        if (!field.contains("[]")) {
            return false;
        }
        String items = Arrays.stream(field.split("\\[\\]", -1)).map(Pattern::quote)
            .collect(Collectors.joining("\\[[^\\]]*\\]"));
        return at.matches(items + "([.\\[].*)?");
    }

    /**
     * Whether the strict reading stopped at a field, not at JSON it could not parse: a well-formed number too large for
     * its field is the field's problem, though the parser reports it.
     */
    private static boolean aboutAField(JacksonException cause) {
        return duplicateKey(cause) != null || (!(cause instanceof StreamReadException)
                || cause instanceof InputCoercionException) && !cause.getPath().isEmpty();
    }

    /** A key given twice in one object, named by its path. */
    static FieldProblem duplicateKey(JacksonException cause) {
        String message = cause.getOriginalMessage();
        if (!(cause instanceof StreamReadException read) || message == null || !message.startsWith("Duplicate")
                || read.processor() == null) {
            return null;
        }
        JsonParser parser = read.processor();
        Matcher name = QUOTED_NAME.matcher(message);
        String within = LenientReading.path(parser.streamReadContext().getParent());
        String field = name.find() ? name.group(1) : parser.streamReadContext().currentName();
        return new FieldProblem("body".equals(within) ? field : within + "." + field, LenientReading.REPEATED);
    }

    private static byte[] utf8(byte[] body, HttpHeaders headers) {
        MediaType type = headers.getContentType();
        Charset charset = type == null ? null : type.getCharset();
        return charset == null || StandardCharsets.UTF_8.equals(charset) ? body
                : new String(body, charset).getBytes(StandardCharsets.UTF_8);
    }

    private record Buffered(byte[] bytes, HttpHeaders headers) implements HttpInputMessage {

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
