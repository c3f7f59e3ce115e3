package cn.onenet.platform.security;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.platform.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.json.JsonMapper;

/** 401 (with {@code WWW-Authenticate: Bearer}) and 403 as Problem Details, from the security filter chain. */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String detail;
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + oauth.getError().getErrorCode() + "\"");
            detail = "The bearer token was refused: " + (description == null ? oauth.getError().getErrorCode() : description);
        }
        else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            detail = "Send an access token from the identity provider: Authorization: Bearer <token>.";
        }
        write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow " + request.getMethod() + " " + request.getRequestURI() + ".");
    }

    /**
     * A request the firewall refuses in a filter of the security chain (its {@code RequestRejectedHandler} hook): 400
     * naming the header ({@link FirewallRefusals}), not an error page.
     */
    void refused(HttpServletRequest request, HttpServletResponse response, RequestRejectedException refusal)
            throws IOException {
        if (!response.isCommitted()) {
            ResponseEntity<ProblemDetail> answer = FirewallRefusals.answer(request);
            send(response, answer.getStatusCode().value(), answer.getBody());
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(status == HttpStatus.UNAUTHORIZED ? ProblemTypes.UNAUTHORIZED : ProblemTypes.FORBIDDEN);
        problem.setTitle(title);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        ProblemHandler.decorate(problem, status);
        send(response, status.value(), problem);
    }

    private void send(HttpServletResponse response, int status, ProblemDetail problem) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
