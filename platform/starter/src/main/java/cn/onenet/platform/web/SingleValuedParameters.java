package cn.onenet.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query parameter a method takes once, given more than once ({@code ?limit=1&limit=2}), is refused, with the call's
 * other parameter problems, rather than read as one of its values (Spring MVC took the first for a number and joined
 * the values with commas for text, so {@code target=a&target=b} became a third target). Parameters that take a list
 * ({@code ?status=A&status=B}) are not concerned.
 */
final class SingleValuedParameters implements HandlerInterceptor {

    private final EveryParameter parameters;

    SingleValuedParameters(EveryParameter parameters) {
        this.parameters = parameters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (annotation == null || type.isArray() || Collection.class.isAssignableFrom(type)
                    || Map.class.isAssignableFrom(type)) {
                continue;
            }
            String name = annotation.name().isEmpty() ? parameter.getParameterName() : annotation.name();
            String[] values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                problems.add(new FieldProblem(name, "is given " + values.length + " times; give it once"));
            }
        }
        if (problems.isEmpty()) {
            return true;
        }
        parameters.problems(new ServletWebRequest(request)).stream()
            .filter(other -> problems.stream().noneMatch(repeated -> repeated.field().equals(other.field())))
            .forEach(problems::add);
        throw new InvalidRequest(problems);
    }
}
