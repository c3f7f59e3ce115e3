package cn.onenet.platform.web;

import cn.onenet.contracts.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error status a handler ends with and no body — Actuator answers a health component that does not exist
 * ({@code /actuator/health/nothing}) 404 with neither body nor content type — answered as Problem Details, as the
 * service's other refusals are. Left alone: a response that wrote anything or was committed, an error sent with
 * {@code sendError} (the error page answers it), and {@code HEAD}.
 */
public class EmptyErrorAnswers extends OncePerRequestFilter {

    private final JsonMapper json;

    public EmptyErrorAnswers(JsonMapper json) {
        this.json = json;
    }

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
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code, status == 404
                ? "Nothing is served at " + request.getRequestURI() + "." : "The request could not be served.");
        problem.setType(ProblemTypes.forStatus(status));
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        ProblemHandler.decorate(problem, code);
        byte[] body = json.writeValueAsBytes(problem);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Notes whether anything answered the request: a body begun, or an error sent for the error page. */
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
