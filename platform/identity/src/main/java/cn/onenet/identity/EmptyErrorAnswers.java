package cn.onenet.identity;

import cn.onenet.contracts.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error status an endpoint ends with and no body — Actuator answers a health component that does not exist
 * ({@code /actuator/health/nothing}) 404 with neither body nor content type — answered as Problem Details, as every
 * other refusal of the identity provider is. Left alone: a response that wrote anything or was committed, an error
 * sent with {@code sendError} (Boot's error handling answers it), and {@code HEAD}.
 */
final class EmptyErrorAnswers extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Watched watched = new Watched(response);
        chain.doFilter(request, watched);
        int status = response.getStatus();
        if (status < 400 || watched.answered || response.isCommitted() || response.getContentType() != null
                || "HEAD".equals(request.getMethod())) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.forStatus(status).toString());
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", status == 404 ? "Nothing is served at " + request.getRequestURI() + "."
                : "The request could not be served.");
        problem.put("instance", request.getRequestURI());
        problem.put(CorrelationId.PROBLEM_PROPERTY, CorrelationId.of(request));
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Notes whether anything answered the request: a body begun, or an error sent for Boot to answer. */
    private static final class Watched extends HttpServletResponseWrapper {

        private boolean answered;

        Watched(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            answered = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            answered = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            answered = true;
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            answered = true;
            super.sendError(status);
        }
    }
}
