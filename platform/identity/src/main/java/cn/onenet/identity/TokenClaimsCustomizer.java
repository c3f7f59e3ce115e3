package cn.onenet.identity;

import cn.onenet.contracts.security.TokenClaims;
import cn.onenet.identity.clients.ClientDirectory;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts OneNetwork's claims into every token: the audience the suite requires, the caller's {@code roles}, and the
 * {@code channel}, {@code department} or {@code community} the caller acts for. A machine client's claims come from
 * its registration; a person's from their account.
 */
final class TokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final String audience;

    TokenClaimsCustomizer(String audience) {
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        String clientId = context.getRegisteredClient().getClientId();
        if (accessToken) {
            context.getClaims().audience(List.of(audience)).claim(TokenClaims.CLIENT_ID, clientId);
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            ClientSettings settings = context.getRegisteredClient().getClientSettings();
            List<String> roles = settings.getSetting(ClientDirectory.ROLES_SETTING);
            context.getClaims().claim(TokenClaims.ROLES, roles == null ? List.of() : roles);
            putIfPresent(context, TokenClaims.CHANNEL, settings.getSetting(ClientDirectory.CHANNEL_SETTING));
            putIfPresent(context, TokenClaims.DEPARTMENT, settings.getSetting(ClientDirectory.DEPARTMENT_SETTING));
            return;
        }
        Authentication principal = context.getPrincipal();
        List<String> roles = principal.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> authority.startsWith("ROLE_"))
            .map(authority -> authority.substring("ROLE_".length()))
            .sorted()
            .collect(Collectors.toList());
        context.getClaims().claim(TokenClaims.ROLES, roles);
        for (Map.Entry<String, String> claim : DemoDirectory.userClaims(principal.getName()).entrySet()) {
            context.getClaims().claim(claim.getKey(), claim.getValue());
        }
    }

    private static void putIfPresent(JwtEncodingContext context, String claim, Object value) {
        if (value != null) {
            context.getClaims().claim(claim, value);
        }
    }
}
