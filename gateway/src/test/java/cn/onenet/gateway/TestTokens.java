package cn.onenet.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens as the identity provider issues them, signed by a key whose public half the fake identity provider serves
 * as its JWK set, plus tokens it would never issue (another key, another issuer, expired, another audience).
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:9000";
    public static final List<String> ALL_ROLES = List.of("CHANNEL_SYSTEM", "DEPARTMENT_SYSTEM", "OPERATOR",
            "DISPATCHER", "SUPERVISOR", "COMMUNITY_ADMIN", "ADMIN");

    static final RSAKey KEY = generate();
    static final RSAKey OTHER_KEY = generate();

    private TestTokens() {
    }

    /** The JWK set the fake identity provider serves: the public key only. */
    public static String jwkSet() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    /** A valid token for {@code subject} with the given roles and further claims. */
    public static String token(String subject, List<String> roles, Map<String, Object> claims) {
        return sign(KEY, claims(subject, roles, claims).build());
    }

    /** A channel system's token. */
    public static String channel(String channel) {
        return token("channel-" + channel.toLowerCase(), List.of("CHANNEL_SYSTEM"), Map.of("channel", channel));
    }

    /** A department system's token. */
    public static String department(String department) {
        return token("department-" + department, List.of("DEPARTMENT_SYSTEM"), Map.of("department", department));
    }

    /** A person's token. */
    public static String person(String username, String... roles) {
        return token(username, List.of(roles), Map.of());
    }

    public static String expired() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(KEY, claims("channel-livelihood", List.of("CHANNEL_SYSTEM"), Map.of("channel", "LIVELIHOOD"))
            .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(30)))).build());
    }

    public static String signedByAnotherKey() {
        return sign(OTHER_KEY, claims("channel-livelihood", List.of("CHANNEL_SYSTEM"), Map.of("channel", "LIVELIHOOD")).build());
    }

    public static String fromAnotherIssuer() {
        return sign(KEY, claims("channel-livelihood", List.of("CHANNEL_SYSTEM"), Map.of("channel", "LIVELIHOOD"))
            .issuer("http://127.0.0.1:9999").build());
    }

    public static String forAnotherAudience() {
        return sign(KEY, claims("channel-livelihood", List.of("CHANNEL_SYSTEM"), Map.of("channel", "LIVELIHOOD"))
            .audience("someone-else").build());
    }

    private static JWTClaimsSet.Builder claims(String subject, List<String> roles, Map<String, Object> extra) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .audience("onenet")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(30))))
            .jwtID(UUID.randomUUID().toString())
            .claim("client_id", subject)
            .claim("roles", roles);
        extra.forEach(claims::claim);
        return claims;
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
