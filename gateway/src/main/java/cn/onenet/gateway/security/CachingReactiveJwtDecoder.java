package cn.onenet.gateway.security;

import cn.onenet.contracts.security.VerifiedTokens;
import java.time.Clock;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The configured decoder (signature against the issuer's JWK set, issuer, audience, expiry), asked once per distinct
 * token until it expires: a channel system sends the same token for its whole life, and the RSA signature check on
 * every call was the gateway's largest single cost per request. Refusals are never remembered.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    static final int CAPACITY = 10_000;

    private final ReactiveJwtDecoder delegate;
    private final VerifiedTokens<Jwt> verified = new VerifiedTokens<>(Jwt::getExpiresAt, CAPACITY, Clock.systemUTC());

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        return known != null ? Mono.just(known) : delegate.decode(token).map(jwt -> verified.remember(token, jwt));
    }
}
