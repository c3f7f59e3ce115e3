package cn.onenet.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /console/config.json}: what the console needs to sign people in (authorization code + PKCE): the
 * identity provider's issuer URI, its public client id and the scopes to ask for. Public, like the console itself.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSignIn {

    @Bean
    RouterFunction<ServerResponse> consoleConfig(GatewaySecurityProperties properties) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", properties.consoleIssuer());
        config.put("clientId", properties.consoleClientId());
        config.put("scope", "openid profile");
        return RouterFunctions.route()
            .GET("/console/config.json", request -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .bodyValue(config))
            .build();
    }
}
