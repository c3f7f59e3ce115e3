package cn.onenet.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTests {

    final AtomicInteger checks = new AtomicInteger();

    /** Stands for the real decoder: "good-…" tokens valid for an hour, "old-…" already expired, others refused. */
    final JwtDecoder real = token -> {
        checks.incrementAndGet();
        if (token.startsWith("good")) {
            return jwt(token, Instant.now().plusSeconds(3600));
        }
        if (token.startsWith("old")) {
            return jwt(token, Instant.now().minusSeconds(5));
        }
        throw new BadJwtException("bad signature");
    };

    static Jwt jwt(String token, Instant expiresAt) {
        return new Jwt(token, expiresAt.minusSeconds(3600), expiresAt, Map.of("alg", "RS256"), Map.of("sub", "channel-police"));
    }

    @Test
    void checksEachDistinctTokenOnce() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(real);
        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode("good-1").getSubject()).isEqualTo("channel-police");
        }
        decoder.decode("good-2");
        assertThat(checks).hasValue(2);
    }

    @Test
    void neverRemembersARefusalOrAnExpiredToken() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(real);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
            decoder.decode("old-1");
        }
        assertThat(checks).hasValue(6);
    }
}
