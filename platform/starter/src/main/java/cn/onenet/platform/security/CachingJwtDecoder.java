package cn.onenet.platform.security;

import cn.onenet.contracts.security.VerifiedTokens;
import java.time.Clock;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The configured decoder (signature against the issuer's keys, issuer, audience, expiry), asked once per distinct
 * token: a channel system sends the same token for its whole life (30 min), and an RSA signature check on every one
 * of its calls was the largest single cost of a call. Refusals are never remembered.
 */
final class CachingJwtDecoder implements JwtDecoder {

    static final int CAPACITY = 10_000;

    private final JwtDecoder delegate;
    private final VerifiedTokens<Jwt> verified = new VerifiedTokens<>(Jwt::getExpiresAt, CAPACITY, Clock.systemUTC());

    CachingJwtDecoder(JwtDecoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        return known != null ? known : verified.remember(token, delegate.decode(token));
    }
}
