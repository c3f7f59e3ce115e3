package cn.onenet.gateway.security;

import cn.onenet.contracts.ProblemTypes;
import cn.onenet.gateway.problem.Problem;
import cn.onenet.gateway.problem.ProblemResponses;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as Problem Details. A 401 carries {@code WWW-Authenticate: Bearer} (RFC 6750) with the reason a
 * presented token was refused; the body says the same for people. A request the firewall refuses (a path with
 * {@code //} or an encoded slash, a header it does not allow) is a 400 saying why; it was a 400 without a body. A
 * method it does not allow ({@code TRACE}, {@code PROPFIND}, a lower-case {@code get}) is a 405 with {@code Allow}.
 */
final class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerExchangeRejectedHandler {

    /**
     * The methods the gateway takes: the firewall lets these through (its default set, given to it explicitly) and a
     * 405 lists them in {@code Allow}, in this order.
     */
    static final Set<HttpMethod> TAKEN = new LinkedHashSet<>(List.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS));
    private static final String TAKEN_NAMES = String.join(", ", TAKEN.stream().map(HttpMethod::name).toList());

    private final ProblemResponses problems;

    SecurityProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        HttpHeaders headers = new HttpHeaders();
        String detail;
        if (failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError() instanceof BearerTokenError bearer) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + bearer.getErrorCode() + "\", error_description=\""
                    + quoteSafe(bearer.getDescription()) + "\"");
            detail = "The bearer token was refused: " + bearer.getDescription();
        }
        else if (failure instanceof OAuth2AuthenticationException oauth) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            detail = "The bearer token was refused: " + (oauth.getError().getDescription() == null
                    ? oauth.getError().getErrorCode() : oauth.getError().getDescription());
        }
        else {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            detail = "Send an access token from the identity provider: Authorization: Bearer <token>.";
        }
        return problems.write(exchange, new Problem(ProblemTypes.UNAUTHORIZED, "Authentication required", 401, detail,
                exchange.getRequest().getPath().value(), null), headers);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return forbidden(exchange, "Your role does not allow " + exchange.getRequest().getMethod() + " "
                + exchange.getRequest().getPath().value() + ".");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!TAKEN.contains(method)) {
            // a method no route takes (TRACE, PROPFIND, a lower-case get): 405 with the methods there are (RFC 9110)
            HttpHeaders headers = new HttpHeaders();
            headers.setAllow(TAKEN);
            return problems.write(exchange, new Problem(ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed", 405,
                    "The gateway takes no " + method.name() + " request (methods are case-sensitive); it takes "
                            + TAKEN_NAMES + ".",
                    exchange.getRequest().getPath().value(), null), headers);
        }
        return problems.write(exchange, new Problem(ProblemTypes.VALIDATION, "Request refused", 400,
                rejected.getMessage(), exchange.getRequest().getPath().value(), null), new HttpHeaders());
    }

    Mono<Void> forbidden(ServerWebExchange exchange, String detail) {
        return problems.write(exchange, new Problem(ProblemTypes.FORBIDDEN, "Forbidden", 403, detail,
                exchange.getRequest().getPath().value(), null), new HttpHeaders());
    }

    private static String quoteSafe(String text) {
        return text == null ? "" : text.replace('"', '\'').replace('\\', '/');
    }
}
