package cn.onenet.platform.security;

import cn.onenet.contracts.security.TokenClaims;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tokens are checked for the suite's audience ({@value TokenClaims#DEFAULT_AUDIENCE}) unless a service configures
 * {@code spring.security.oauth2.resourceserver.jwt.audiences} itself: lowest precedence.
 */
public class SecurityDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("onenetSecurityDefaults",
                Map.of("spring.security.oauth2.resourceserver.jwt.audiences", TokenClaims.DEFAULT_AUDIENCE)));
    }
}
