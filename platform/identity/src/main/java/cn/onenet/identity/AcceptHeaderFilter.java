package cn.onenet.identity;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.contracts.MediaTypeRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity provider reads {@code Accept} as the services do (the starter's filter of the same name): one that is
 * no list of media types is refused 400 naming it (Spring MVC answered an empty 406), and an empty one is as none
 * (Actuator's Prometheus endpoint failed on it with a 500). A standalone app, so its own filter.
 */
final class AcceptHeaderFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        chain.doFilter(none && !accepts.isEmpty() ? withoutAccept(request) : request, response);
    }

    private static HttpServletRequest withoutAccept(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.ACCEPT.equalsIgnoreCase(name)).toList());
            }
        };
    }

    /** Whether Spring's parser fails on {@code value} with an exception of its own (a 500 where it was read). */
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

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String header,
            String message) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.VALIDATION.toString());
        problem.put("title", "The request has invalid fields");
        problem.put("status", 400);
        problem.put("detail", header + ": " + message);
        problem.put("instance", request.getRequestURI());
        problem.put("errors", List.of(new InvalidField(header, message)));
        problem.put(CorrelationId.PROBLEM_PROPERTY, CorrelationId.of(request));
        response.setStatus(400);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /** The refused header, listed under {@code errors} as the provider lists a refused field. */
    private record InvalidField(String field, String message) {
    }
}
