package cn.onenet.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every query parameter's problem in one answer. Spring MVC stops at the first parameter it can't convert or finds
 * missing, so a caller fixing {@code ?start=bad&workingDays=-3} would learn of {@code workingDays} only on the next
 * call. Read again here, each request parameter of the method that was called is converted on its own, and the ones
 * that convert are checked against their constraints.
 */
final class EveryParameter {

    private final Supplier<ConversionService> conversions;
    private final ObjectProvider<Validator> validator;

    EveryParameter(Supplier<ConversionService> conversions, ObjectProvider<Validator> validator) {
        this.conversions = conversions;
        this.validator = validator;
    }

    /** What a value of the parameter must be, in the words a caller reads. */
    static String expectation(MethodParameter parameter, Class<?> required) {
        Class<?> type = required;
        if (type != null && Collection.class.isAssignableFrom(type)) {
            // a parameter that may be given more than once (?status=A&status=B): what each value must be
            type = ResolvableType.forMethodParameter(parameter).asCollection().resolveGeneric(0);
        }
        if (type != null && type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", "));
        }
        return "must be " + (type == null ? "another kind of value" : words(type));
    }

    /** A type as a caller reads it (not Java's name for it). */
    private static String words(Class<?> type) {
        if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
            return "an ISO-8601 date-time with offset, such as 2026-12-01T10:00:00+08:00";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date, such as 2026-12-01";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "an id (a UUID)";
        }
        return "a " + type.getSimpleName();
    }

    /**
     * The problem Spring MVC stopped at first, then every other request parameter's, one per parameter; only the
     * first when the method called is not known.
     */
    List<FieldProblem> problems(FieldProblem first, WebRequest request) {
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        Map<String, FieldProblem> problems = new HashMap<>();
        problems.put(first.field(), first);
        if (handler instanceof HandlerMethod method) {
            for (FieldProblem problem : parameterProblems(method.createWithResolvedBean(), request)) {
                problems.putIfAbsent(problem.field(), problem);
            }
        }
        return new ArrayList<>(problems.values());
    }

    /**
     * Every path variable's and request parameter's problem, for an answer about the body (one that could not be
     * read at all names these beside the body's fields); none when the method called is not known.
     */
    List<FieldProblem> problems(WebRequest request) {
        Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        return handler instanceof HandlerMethod method ? parameterProblems(method.createWithResolvedBean(), request)
                : List.of();
    }

    private List<FieldProblem> parameterProblems(HandlerMethod handler, WebRequest request) {
        MethodParameter[] parameters = handler.getMethodParameters();
        Object[] values = new Object[parameters.length];
        String[] converted = new String[parameters.length];
        List<FieldProblem> problems = new ArrayList<>();
        WebDataBinder binder = new WebDataBinder(null);
        binder.setConversionService(conversions.get());
        for (int index = 0; index < parameters.length; index++) {
            MethodParameter parameter = parameters[index];
            PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
            if (variable != null && !Map.class.isAssignableFrom(parameter.getParameterType())) {
                String name = variable.name().isEmpty() ? parameter.getParameterName() : variable.name();
                Object given = pathVariables(request).get(name);
                if (given != null) {
                    try {
                        values[index] = binder.convertIfNecessary(given, parameter.getParameterType(), parameter);
                        converted[index] = name;
                    }
                    catch (TypeMismatchException ex) {
                        problems.add(new FieldProblem(name, expectation(parameter, parameter.getParameterType())));
                    }
                }
                continue;
            }
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation == null || Map.class.isAssignableFrom(parameter.getParameterType())) {
                continue;
            }
            String name = annotation.name().isEmpty() ? parameter.getParameterName() : annotation.name();
            String[] given = request.getParameterValues(name);
            if ((given == null || given.length == 1 && given[0].isEmpty())
                    && !ValueConstants.DEFAULT_NONE.equals(annotation.defaultValue())) {
                given = new String[] { annotation.defaultValue() };
            }
            if (given == null) {
                if (annotation.required() && !parameter.isOptional()) {
                    problems.add(new FieldProblem(name, "is required"));
                }
                continue;
            }
            try {
                values[index] = binder.convertIfNecessary(given.length == 1 ? given[0] : given,
                        parameter.getParameterType(), parameter);
                converted[index] = name;
            }
            catch (TypeMismatchException ex) {
                problems.add(new FieldProblem(name, expectation(parameter, parameter.getParameterType())));
            }
        }
        Validator checks = validator.getIfUnique();
        Object target = AopProxyUtils.getSingletonTarget(handler.getBean());
        if (checks != null) {
            for (ConstraintViolation<Object> violation : checks.forExecutables().validateParameters(
                    target != null ? target : handler.getBean(), handler.getMethod(), values)) {
                int index = parameterIndex(violation.getPropertyPath());
                if (index >= 0 && converted[index] != null) {
                    problems.add(new FieldProblem(converted[index], violation.getMessage()));
                }
            }
        }
        return problems;
    }

    private static Map<?, ?> pathVariables(WebRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        return variables instanceof Map<?, ?> map ? map : Map.of();
    }

    private static int parameterIndex(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                return node.as(Path.ParameterNode.class).getParameterIndex();
            }
        }
        return -1;
    }
}
