package cn.onenet.gateway.security;

import static cn.onenet.contracts.security.Role.ADMIN;
import static cn.onenet.contracts.security.Role.MONITORING;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;

import cn.onenet.contracts.security.AccessTable;
import cn.onenet.contracts.security.HeaderText;
import cn.onenet.contracts.security.Role;
import cn.onenet.contracts.security.TokenClaims;
import cn.onenet.gateway.problem.ProblemResponses;
import java.util.Arrays;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The gateway is an OAuth2 resource server: every API call needs a bearer token the configured issuer signed
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, JWK set from its discovery document), for the
 * audience {@code onenet} ({@code …jwt.audiences}), not expired. The token is passed on to the services unchanged.
 * <p>
 * The rules below are coarse: which roles may call which path with which method. Which orders a caller may see or
 * touch (its own channel's, its own department's) is decided by the services; the gateway adds the checks it can make
 * from the request alone ({@link OwnChannelAndDepartmentFilter}).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    /** Whatever decoder is configured, each distinct token is verified once (see {@link CachingReactiveJwtDecoder}). */
    @Bean
    static BeanPostProcessor verifiedTokenCache() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ReactiveJwtDecoder && !(bean instanceof CachingReactiveJwtDecoder)
                        ? new CachingReactiveJwtDecoder((ReactiveJwtDecoder) bean) : bean;
            }
        };
    }

    /**
     * Spring Security's observations are off ({@code management.observations.enable.spring.security: false}): then its
     * filter chain should not wrap each of its filters, the authentication and the authorization in an observation on
     * every call either. With the property alone it still did (each observation a no-op, each filter's result given a
     * checkpoint): some 2-4 % of the event loops' profile samples.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's default firewall, with its header rule checked by a loop ({@link HeaderText}). */
    @Bean
    StrictServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderText::isAllowedName);
        firewall.setAllowedHeaderValues(HeaderText::isAllowedValue);
        firewall.setAllowedHttpMethods(SecurityProblems.TAKEN);
        return firewall;
    }

    @Bean
    SecurityProblems securityProblems(ProblemResponses problems) {
        return new SecurityProblems(problems);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, SecurityProblems problems) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(TokenClaims.ROLES);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(roles);

        return http
            .authorizeExchange(GatewaySecurityConfiguration::rules)
            .oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(tokens)))
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            // bearer tokens only: no sessions, no cookies, so no CSRF to defend against
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            // the console renews a sign-in in a hidden frame of its own page (app.js, renewSignIn); no other site may
            // frame the console (clickjacking), as with the default DENY
            .headers(headers -> headers.frameOptions(frames -> frames.mode(Mode.SAMEORIGIN)))
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .addFilterBefore(new CallerOnTheAccessLine(), SecurityWebFiltersOrder.AUTHORIZATION)
            .build();
    }

    /**
     * The access table of the README ("Who may do what"): the gateway's own paths here, the API's from
     * {@link AccessTable}, which the services check too.
     */
    static void rules(AuthorizeExchangeSpec exchanges) {
        exchanges
            // operations: only health is public
            .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            // metrics: the scraper's client (Prometheus, client credentials) and admins
            .pathMatchers(GET, "/actuator/prometheus").hasAnyRole(names(MONITORING, ADMIN))
            .pathMatchers("/actuator/**").hasRole(ADMIN.name());
        for (AccessTable.Rule rule : AccessTable.API) {
            String[] paths = rule.paths().toArray(String[]::new);
            String[] roles = AccessTable.names(rule.roles());
            if (rule.methods().isEmpty()) {
                exchanges.pathMatchers(paths).hasAnyRole(roles);
            }
            rule.methods().forEach(
                    method -> exchanges.pathMatchers(HttpMethod.valueOf(method), paths).hasAnyRole(roles));
        }
        exchanges
            // the console, its configuration and the API documents are public; so are the gateway's own 404s
            .pathMatchers(GET, "/**").permitAll()
            .pathMatchers(HEAD, "/**").permitAll()
            .anyExchange().authenticated();
    }

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
