package cn.onenet.gateway.security;

import cn.onenet.contracts.security.TokenClaims;
import java.security.Principal;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** What the gateway reads from a caller's token. */
record Caller(String subject, List<String> roles, String channel, String department) {

    static Caller of(Principal principal) {
        if (principal instanceof JwtAuthenticationToken authentication) {
            Jwt token = authentication.getToken();
            List<String> roles = token.hasClaim(TokenClaims.ROLES) ? token.getClaimAsStringList(TokenClaims.ROLES) : List.of();
            return new Caller(token.getSubject(), roles == null ? List.of() : roles,
                    token.getClaimAsString(TokenClaims.CHANNEL), token.getClaimAsString(TokenClaims.DEPARTMENT));
        }
        return null;
    }

    boolean hasRole(String role) {
        return roles.contains(role);
    }
}
