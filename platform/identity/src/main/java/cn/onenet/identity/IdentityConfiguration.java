package cn.onenet.identity;

import cn.onenet.contracts.security.Role;
import cn.onenet.identity.clients.ClientDirectory;
import cn.onenet.identity.departments.Departments;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization server: its endpoints ({@code /oauth2/token}, {@code /oauth2/authorize}, {@code /oauth2/jwks},
 * OpenID discovery …) in one filter chain, its own API ({@code /api/**}, for administrators) in a second, the login
 * form for people in the last.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        });
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers(IdentityConfiguration::silentAuthorization).permitAll()
                .anyRequest().authenticated())
            .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
            // the console (another origin) exchanges its code for tokens from the browser
            .cors(Customizer.withDefaults())
            .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                    new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /**
     * An authorization request asking for no page ({@code prompt=none}): the console renews a person's token before it
     * runs out in a hidden frame. The authorization endpoint answers it itself: a code while the person is signed in
     * here, else {@code login_required} back to the client (OpenID Connect Core 3.1.2.6). Left to the rule for every
     * other request, it was sent to the login form, which the hidden frame would have kept, unseen, until its time ran
     * out. The endpoint checks the client and its redirect URI first, as for any request.
     */
    static boolean silentAuthorization(HttpServletRequest request) {
        return "/oauth2/authorize".equals(request.getRequestURI().substring(request.getContextPath().length()))
                && Arrays.asList(StringUtils.delimitedListToStringArray(request.getParameter("prompt"), " "))
                    .contains("none");
    }

    /**
     * The provider's own API: administrators only, with a bearer access token of this provider (see
     * {@link ApiTokens}); stateless, no session, no CSRF (no cookies); 401 and 403 as Problem Details.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain api(HttpSecurity http, JWKSource<SecurityContext> keys, IdentityProperties properties,
            JsonMapper json) throws Exception {
        return bearerTokens(http.securityMatcher("/api/**"), keys, properties, json, Role.ADMIN);
    }

    /**
     * The provider's metrics, for the scraper: a bearer access token of this provider with the {@code MONITORING}
     * (or {@code ADMIN}) role, as at the gateway. It answered a redirect to the login form, so nothing scraped it.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    SecurityFilterChain metrics(HttpSecurity http, JWKSource<SecurityContext> keys, IdentityProperties properties,
            JsonMapper json) throws Exception {
        return bearerTokens(http.securityMatcher("/actuator/prometheus"), keys, properties, json, Role.MONITORING,
                Role.ADMIN);
    }

    /**
     * Calls with a bearer access token of this provider ({@link ApiTokens}) holding one of {@code roles}; stateless,
     * no session, no CSRF (no cookies); 401 and 403 as Problem Details.
     */
    private static SecurityFilterChain bearerTokens(HttpSecurity http, JWKSource<SecurityContext> keys,
            IdentityProperties properties, JsonMapper json, Role... roles) throws Exception {
        ApiProblems problems = new ApiProblems(json);
        String[] names = Arrays.stream(roles).map(Role::name).toArray(String[]::new);
        http.authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(names))
            .oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.decoder(ApiTokens.decoder(keys, properties)).jwtAuthenticationConverter(ApiTokens.roles()))
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 3)
    SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/login", "/error")
                .permitAll()
                .anyRequest().authenticated())
            // the sign-in page in Chinese and English (SignInPage), posting to Spring Security's form login
            .formLogin(form -> form.loginPage("/login"));
        return http.build();
    }

    /** Runs before the security filters, so that their 401 and 403 carry the correlation id too. */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration =
                new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the correlation filter, so its problems carry the id, and around everything else. */
    @Bean
    FilterRegistrationBean<EmptyErrorAnswers> emptyErrorAnswers() {
        FilterRegistrationBean<EmptyErrorAnswers> registration = new FilterRegistrationBean<>(new EmptyErrorAnswers());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** After the correlation filter (its refusal carries the id), before security and everything else. */
    @Bean
    FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter() {
        FilterRegistrationBean<AcceptHeaderFilter> registration =
                new FilterRegistrationBean<>(new AcceptHeaderFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.consoleOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/oauth2/**", cors);
        source.registerCorsConfiguration("/.well-known/**", cors);
        source.registerCorsConfiguration("/userinfo", cors);
        return source;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The registered clients: demo and admin-added machine clients (kept beside the signing key), the console and
     * the metrics scraper.
     */
    @Bean
    ClientDirectory registeredClients(IdentityProperties properties) {
        PasswordEncoder secrets = cheapEncoder();
        return new ClientDirectory(properties.clientsFile(), DemoDirectory.machineClients(properties, secrets),
                List.of(DemoDirectory.console(properties), DemoDirectory.monitoring(properties, secrets)), secrets, properties.accessTokenTtl(), Clock.systemUTC());
    }

    /** Routing's department list, asked before a department system is added (unless switched off). */
    @Bean
    Departments departments(IdentityProperties properties) {
        return Departments.at(properties.departmentList().orElse(null), CorrelationId::current);
    }

    /** What Tomcat refuses on its own, before any filter, answered as Problem Details too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(DemoDirectory.users(cheapEncoder()));
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        RSAKey key = SigningKeys.load(properties);
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer().toString()).build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(IdentityProperties properties) {
        return new TokenClaimsCustomizer(properties.audience());
    }

    /**
     * bcrypt at its lowest cost, prefixed so that the delegating encoder recognises it: the demo secrets and passwords
     * are public (README) and the secrets administrators get are 256 random bits, so a cheap hash protects them as
     * well as a slow one would, and keeps start-up and every token request fast
     */
    private static PasswordEncoder cheapEncoder() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return "{bcrypt}" + bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                throw new UnsupportedOperationException("only used to encode secrets; the password encoder checks them");
            }
        };
    }
}
