package cn.onenet.gateway.security;

import static cn.onenet.contracts.security.Role.ADMIN;
import static cn.onenet.contracts.security.Role.CHANNEL_SYSTEM;
import static cn.onenet.contracts.security.Role.COMMUNITY_ADMIN;
import static cn.onenet.contracts.security.Role.DEPARTMENT_SYSTEM;
import static cn.onenet.contracts.security.Role.DISPATCHER;
import static cn.onenet.contracts.security.Role.MONITORING;
import static cn.onenet.contracts.security.Role.OPERATOR;
import static cn.onenet.contracts.security.Role.SUPERVISOR;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;

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
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
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
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .build();
    }

    /** One line per rule of the access table in the README ("Who may do what"). */
    static void rules(AuthorizeExchangeSpec exchanges) {
        exchanges
            // operations: only health is public
            .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
            // metrics: the scraper's client (Prometheus, client credentials) and admins
            .pathMatchers(GET, "/actuator/prometheus").hasAnyRole(names(MONITORING, ADMIN))
            .pathMatchers("/actuator/**").hasRole(ADMIN.name())
            // submitting: channel systems (on their own channel) and operators (HOTLINE)
            .pathMatchers(POST, "/api/v1/requests").hasAnyRole(names(CHANNEL_SYSTEM, OPERATOR))
            // dispatchers' work
            .pathMatchers(GET, "/api/v1/requests/triage", "/api/v1/requests/duplicates")
                .hasAnyRole(names(DISPATCHER, SUPERVISOR))
            .pathMatchers(POST, "/api/v1/requests/*/dispatch", "/api/v1/requests/*/transfer",
                    "/api/v1/requests/*/reject", "/api/v1/requests/*/merge").hasRole(DISPATCHER.name())
            // departments report, supervisors decide extensions, operators record callbacks
            .pathMatchers(POST, "/api/v1/requests/*/events").hasRole(DEPARTMENT_SYSTEM.name())
            .pathMatchers(POST, "/api/v1/requests/*/extension").hasRole(SUPERVISOR.name())
            .pathMatchers(POST, "/api/v1/requests/*/feedback").hasRole(OPERATOR.name())
            // personal data in clear: the department the order is dispatched to, the operator who took the call
            // (routing checks which order and writes every read to the access audit, which supervisors read)
            .pathMatchers(POST, "/api/v1/requests/*/personal-data").hasAnyRole(names(DEPARTMENT_SYSTEM, OPERATOR))
            .pathMatchers(GET, "/api/v1/personal-data-access").hasRole(SUPERVISOR.name())
            // reading orders (the services narrow channel and department systems to their own)
            .pathMatchers(GET, "/api/v1/requests", "/api/v1/requests/**")
                .hasAnyRole(names(CHANNEL_SYSTEM, DEPARTMENT_SYSTEM, OPERATOR, DISPATCHER, SUPERVISOR))
            // reference data: anyone signed in
            .pathMatchers(GET, "/api/v1/catalogue", "/api/v1/catalogue/**", "/api/v1/departments",
                    "/api/v1/departments/**", "/api/v1/communities", "/api/v1/communities/**", "/api/v1/channels")
                .hasAnyRole(SIGNED_IN)
            // machine clients (the identity provider checks again): admins
            .pathMatchers("/api/v1/clients", "/api/v1/clients/**").hasRole(ADMIN.name())
            // keeping it (departments, categories, communities and their audit trail): admins
            .pathMatchers("/api/v1/catalogue/**", "/api/v1/departments/**", "/api/v1/communities/**",
                    "/api/v1/reference-data/**").hasRole(ADMIN.name())
            // routing rules: dispatchers and admins read and try them, supervisors change them
            .pathMatchers(POST, "/api/v1/rules/dry-run").hasAnyRole(names(DISPATCHER, SUPERVISOR, ADMIN))
            .pathMatchers(GET, "/api/v1/rules", "/api/v1/rules/**").hasAnyRole(names(DISPATCHER, SUPERVISOR, ADMIN))
            .pathMatchers("/api/v1/rules", "/api/v1/rules/**").hasRole(SUPERVISOR.name())
            // the working-day calendar: everyone reads (deadlines), supervisors change it
            .pathMatchers(GET, "/api/v1/calendar", "/api/v1/calendar/**").hasAnyRole(SIGNED_IN)
            .pathMatchers("/api/v1/calendar", "/api/v1/calendar/**").hasRole(SUPERVISOR.name())
            // supervision and statistics
            .pathMatchers(GET, "/api/v1/stats/**", "/api/v1/supervision/**").hasRole(SUPERVISOR.name())
            // results back: webhooks are administered; the feed is read by the systems it is for
            .pathMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole(ADMIN.name())
            .pathMatchers(GET, "/api/v1/feed").hasAnyRole(names(CHANNEL_SYSTEM, DEPARTMENT_SYSTEM, ADMIN))
            // an API path without a rule yet is for admins only
            .pathMatchers("/api/**").hasRole(ADMIN.name())
            // the console, its configuration and the API documents are public; so are the gateway's own 404s
            .pathMatchers(GET, "/**").permitAll()
            .pathMatchers(HEAD, "/**").permitAll()
            .anyExchange().authenticated();
    }

    /** Everyone who works with the system: every role but the metrics scraper's. */
    private static final String[] SIGNED_IN = names(CHANNEL_SYSTEM, DEPARTMENT_SYSTEM, OPERATOR, DISPATCHER, SUPERVISOR,
            COMMUNITY_ADMIN, ADMIN);

    private static String[] names(Role... roles) {
        return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
