package cn.onenet.platform.security;

import cn.onenet.contracts.security.AccessTable;
import cn.onenet.contracts.security.HeaderText;
import cn.onenet.contracts.security.TokenClaims;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' security filter chain. With a token issuer configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, as the local suite and the system tests do) every
 * call but health, metrics and the OpenAPI document needs a valid bearer token; the {@code roles} claim becomes
 * {@code ROLE_*} authorities, and the API's paths take the roles of the gateway's table ({@link AccessTable}), so a
 * call to a service's own port meets the rules it would have met at the gateway. Without one the service is open
 * (its own tests, a developer's single service), and says so in its log. Either way: stateless, no CSRF (no
 * cookies), 401/403 as Problem Details. A service that declares its own {@link SecurityFilterChain} replaces this one.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
public class OneNetSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OneNetSecurityConfiguration.class);

    /** Open to all without a token: probes, metrics scrapes and the API document the gateway republishes. */
    static final String[] PUBLIC = { "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
        "/v3/api-docs", "/v3/api-docs/**", "/error" };

    /**
     * Spring Security's observations are off ({@code management.observations.enable.spring.security}, false by
     * default here): then its filter chain should not wrap each of its filters, the authentication and the
     * authorization in an observation on every request either. With the property alone it still did, each observation
     * a no-op (some 3 % of intake's request threads' profile samples).
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    static SecurityObservationSettings oneNetSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityProblems oneNetSecurityProblems(JsonMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    SecurityProblemAdvice oneNetSecurityProblemAdvice() {
        return new SecurityProblemAdvice();
    }

    /** Spring Security's default firewall, with its header rule checked by a loop ({@link HeaderText}). */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    StrictHttpFirewall oneNetHttpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderText::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderText::isAllowedValue);
        return firewall;
    }

    /** What the firewall refuses inside the security filter chain: 400 naming the header, not an error page. */
    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    RequestRejectedHandler oneNetFirewallRefusals(SecurityProblems problems) {
        return problems::refused;
    }

    @Bean
    WebMvcConfigurer oneNetCallerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(TokenChecksConfigured.class)
    static class TokenChecks {

        /** Whatever decoder is configured, each distinct token is verified once (see {@link CachingJwtDecoder}). */
        @Bean
        static BeanPostProcessor oneNetVerifiedTokenCache() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof JwtDecoder && !(bean instanceof CachingJwtDecoder)
                            ? new CachingJwtDecoder((JwtDecoder) bean) : bean;
                }
            };
        }

        @Bean
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        SecurityFilterChain oneNetTokenChecks(HttpSecurity http, SecurityProblems problems) throws Exception {
            JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
            roles.setAuthoritiesClaimName(TokenClaims.ROLES);
            roles.setAuthorityPrefix("ROLE_");
            JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
            tokens.setJwtGrantedAuthoritiesConverter(roles);
            http.authorizeHttpRequests(requests -> {
                requests.requestMatchers(PUBLIC).permitAll();
                // the gateway's table again, for calls that come to the service's own port
                for (AccessTable.Rule rule : AccessTable.API) {
                    String[] paths = rule.paths().toArray(String[]::new);
                    String[] allowed = AccessTable.names(rule.roles());
                    if (rule.methods().isEmpty()) {
                        requests.requestMatchers(paths).hasAnyRole(allowed);
                    }
                    rule.methods().forEach(
                            method -> requests.requestMatchers(HttpMethod.valueOf(method), paths).hasAnyRole(allowed));
                }
                requests.anyRequest().authenticated();
            })
                .oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
            return stateless(http).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(TokenChecksConfigured.Not.class)
    static class Open {

        @Bean
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        SecurityFilterChain oneNetOpen(HttpSecurity http) throws Exception {
            log.info("No token issuer configured (spring.security.oauth2.resourceserver.jwt.issuer-uri): "
                    + "this service checks no tokens and lets every call in");
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return stateless(http).build();
        }
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable);
    }
}
