package cn.onenet.identity;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every Problem Details body the API answers (a feature's refusals and {@link ApiProblemHandler}'s alike) carries the
 * call's {@link CorrelationId} as {@code correlationId}, the value of the response header. Done here, as the body is
 * written, so that no handler can forget it; 401 and 403 are written by {@link ApiProblems} before any controller.
 */
@ControllerAdvice
class CorrelatedProblems implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
            String correlationId = CorrelationId.of(servlet.getServletRequest());
            if (correlationId != null) {
                problem.setProperty(CorrelationId.PROBLEM_PROPERTY, correlationId);
            }
        }
        return body;
    }
}
