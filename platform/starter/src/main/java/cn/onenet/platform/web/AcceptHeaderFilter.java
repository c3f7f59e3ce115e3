package cn.onenet.platform.web;

import cn.onenet.contracts.MediaTypeRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@code Accept} header read before anything else does. One that is no list of media types ({@code )|},
 * {@code *}{@code /*;q=abc}, {@code application/json;charset=utf-99}) is refused 400 naming it: Spring MVC answered
 * it 406 — or, on a refusal, the refusal's status — with no body at all, since it could not say in which type the
 * problem may go. An empty one is as none (any type): Actuator's Prometheus endpoint failed on it with a 500. An
 * {@code Accept} or {@code Content-Type} Spring's parser fails on with an exception of its own ({@code "a/b}) is
 * refused 400 naming it too: Spring MVC answered it 500.
 */
public class AcceptHeaderFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public AcceptHeaderFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> accepts = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        boolean none = accepts.stream().allMatch(String::isBlank);
        if (!none) {
            try {
                MediaType.parseMediaTypes(accepts);
            }
            catch (RuntimeException ex) {
                refuse(request, response, HttpHeaders.ACCEPT, (ex instanceof InvalidMediaTypeException invalid
                        ? MediaTypeRefusals.noMediaType(invalid.getMediaType(), invalid.getMessage())
                        : MediaTypeRefusals.noMediaType(String.join(", ", accepts),
                                MediaTypeRefusals.unreadable(String.join(", ", accepts))))
                        + "; send a type/subtype such as application/json, or no Accept header");
                return;
            }
        }
        String contentType = request.getContentType();
        if (contentType != null && unreadable(contentType)) {
            refuse(request, response, HttpHeaders.CONTENT_TYPE, MediaTypeRefusals.noMediaType(contentType,
                    MediaTypeRefusals.unreadable(contentType)) + "; send a type/subtype such as application/json");
            return;
        }
        chain.doFilter(none && !accepts.isEmpty() ? new WithoutAccept(request) : request, response);
    }

    /**
     * Whether Spring's parser fails on {@code value} with an exception of its own: Spring MVC then answered 500. One
     * it refuses as no media type is answered 415 by Spring MVC as it is.
     */
    private static boolean unreadable(String value) {
        try {
            MediaType.parseMediaType(value);
            return false;
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
        catch (RuntimeException ex) {
            return true;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String header, String message)
            throws IOException {
        ResponseEntity<ProblemDetail> answer = ProblemHandler.invalidFields(List.of(new FieldProblem(header, message)));
        answer.getBody().setInstance(URI.create(request.getRequestURI()));
        response.setStatus(answer.getStatusCode().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(answer.getBody()));
    }

    /** The request as if it had no {@code Accept} header. */
    private static final class WithoutAccept extends HttpServletRequestWrapper {

        WithoutAccept(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                .filter(name -> !HttpHeaders.ACCEPT.equalsIgnoreCase(name)).toList());
        }
    }
}
