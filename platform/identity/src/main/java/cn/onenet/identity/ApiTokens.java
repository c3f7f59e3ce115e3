package cn.onenet.identity;

import cn.onenet.contracts.security.TokenClaims;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The bearer tokens this provider's own API ({@code /api/**}) accepts: access tokens it issued itself, checked as the
 * gateway and the services check them — signed with its own key (the JWK set it publishes, read here directly), its
 * issuer, the suite's audience, not expired — with the {@code roles} claim as {@code ROLE_*} authorities. An ID token
 * (whose audience is the console) is refused.
 */
final class ApiTokens {

    private ApiTokens() {
    }

    static JwtDecoder decoder(JWKSource<SecurityContext> keys, IdentityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(validator(properties.issuer().toString(), properties.audience()));
        return decoder;
    }

    /** the issuer and audience, and the defaults: expiry and not-before (60 s of clock skew), token type */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience));
    }

    static JwtAuthenticationConverter roles() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(TokenClaims.ROLES);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(roles);
        return tokens;
    }
}
