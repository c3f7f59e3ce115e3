package cn.onenet.platform.security;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Token checks are on when a way to verify tokens is configured (an issuer URI, a JWK set URI or a public key) and
 * {@code onenet.security.enabled} is not {@code false}.
 */
class TokenChecksConfigured extends SpringBootCondition {

    static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if ("false".equalsIgnoreCase(environment.getProperty("onenet.security.enabled"))) {
            return ConditionOutcome.noMatch("onenet.security.enabled is false");
        }
        for (String key : new String[] { "issuer-uri", "jwk-set-uri", "public-key-location" }) {
            if (StringUtils.hasText(environment.getProperty(PREFIX + key))) {
                return ConditionOutcome.match(PREFIX + key + " is set");
            }
        }
        return ConditionOutcome.noMatch("no " + PREFIX + "issuer-uri, jwk-set-uri or public-key-location");
    }

    /** The opposite, for the open configuration. */
    static final class Not extends SpringBootCondition {

        private final TokenChecksConfigured configured = new TokenChecksConfigured();

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome outcome = configured.getMatchOutcome(context, metadata);
            return new ConditionOutcome(!outcome.isMatch(), outcome.getConditionMessage());
        }
    }
}
