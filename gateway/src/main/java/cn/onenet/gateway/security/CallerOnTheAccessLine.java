package cn.onenet.gateway.security;

import cn.onenet.contracts.security.TokenClaims;
import cn.onenet.gateway.correlation.LoggedCaller;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Names the caller of a validated token on the exchange's access line ({@link LoggedCaller}). It runs in Spring
 * Security's chain between authentication and authorization, so a call refused for its roles (403) names its caller
 * too; a call without a token, or with one that was not valid (401), names none.
 */
final class CallerOnTheAccessLine implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
            .map(SecurityContext::getAuthentication)
            .ofType(JwtAuthenticationToken.class)
            .doOnNext(authentication -> caller(authentication.getToken()).remember(exchange))
            .then(Mono.defer(() -> chain.filter(exchange)));
    }

    static LoggedCaller caller(Jwt token) {
        return LoggedCaller.of(token.getClaimAsString(TokenClaims.CLIENT_ID),
                token.getClaimAsString(IdTokenClaimNames.AZP), token.getSubject(),
                token.getClaimAsString(StandardClaimNames.PREFERRED_USERNAME));
    }
}
