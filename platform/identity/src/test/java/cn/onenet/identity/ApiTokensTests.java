package cn.onenet.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class ApiTokensTests {

    static final String ISSUER = "http://127.0.0.1:9000";
    final OAuth2TokenValidator<Jwt> validator = ApiTokens.validator(ISSUER, "onenet");

    @Test
    void acceptsAnAccessTokenOfThisIssuerForTheSuite() {
        assertThat(validator.validate(token(ISSUER, List.of("onenet"), Instant.now().plusSeconds(600))).hasErrors())
            .isFalse();
    }

    @Test
    void refusesAnIdTokenAnotherIssuersTokenAndAnExpiredOne() {
        assertThat(validator.validate(token(ISSUER, List.of("onenet-console"), Instant.now().plusSeconds(600)))
            .hasErrors()).as("an ID token: its audience is the console").isTrue();
        assertThat(validator.validate(token("http://elsewhere:9000", List.of("onenet"), Instant.now().plusSeconds(600)))
            .hasErrors()).isTrue();
        assertThat(validator.validate(token(ISSUER, List.of("onenet"), Instant.now().minusSeconds(600))).hasErrors())
            .isTrue();
    }

    @Test
    void readsTheRolesClaimAsRoleAuthorities() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("admin").claim("roles", List.of("ADMIN"))
            .build();

        assertThat(ApiTokens.roles().convert(token).getAuthorities()).extracting(GrantedAuthority::getAuthority)
            .contains("ROLE_ADMIN");
    }

    private static Jwt token(String issuer, List<String> audience, Instant expiresAt) {
        return Jwt.withTokenValue("t").header("alg", "RS256").header("typ", "JWT").issuer(issuer).audience(audience)
            .subject("admin").issuedAt(expiresAt.minusSeconds(1800)).expiresAt(expiresAt).build();
    }
}
