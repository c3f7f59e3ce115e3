package cn.onenet.identity;

import cn.onenet.contracts.Channel;
import cn.onenet.contracts.security.Role;
import cn.onenet.contracts.security.TokenClaims;
import cn.onenet.identity.clients.ClientDirectory;
import cn.onenet.identity.clients.MachineClient;
import cn.onenet.identity.clients.MachineIdentity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The demo clients and users of the local stack. Their secrets and passwords are local demo values, listed in the
 * README; nothing here is meant for a real deployment, which uses its own OIDC provider.
 * <ul>
 * <li>{@code channel-<channel>} (e.g. {@code channel-livelihood}), secret {@code <client id>-secret}: client
 * credentials, role {@code CHANNEL_SYSTEM}, claim {@code channel};</li>
 * <li>{@code department-<code>} (e.g. {@code department-civil-affairs}), secret {@code <client id>-secret}: client
 * credentials, role {@code DEPARTMENT_SYSTEM}, claim {@code department};</li>
 * <li>{@value #CONSOLE_CLIENT_ID}: the console, a public client (no secret) using authorization code + PKCE;</li>
 * <li>{@value #MONITORING_CLIENT_ID}, secret {@code monitoring-secret}: client credentials, role {@code MONITORING}
 * (Prometheus scraping the gateway);</li>
 * <li>users {@code operator}, {@code dispatcher}, {@code supervisor}, {@code community-admin}, {@code admin}, password
 * {@code <user>-demo}.</li>
 * </ul>
 * Administrators may rotate a demo client's secret or disable it (see {@link cn.onenet.identity.clients.ClientDirectory}).
 */
final class DemoDirectory {

    static final String CONSOLE_CLIENT_ID = "onenet-console";
    static final String MONITORING_CLIENT_ID = "monitoring";

    /** A demo person: login name, roles, and further claims for their tokens. */
    record DemoUser(String username, List<Role> roles, Map<String, String> claims) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("operator", List.of(Role.OPERATOR), Map.of()),
            new DemoUser("dispatcher", List.of(Role.DISPATCHER), Map.of()),
            new DemoUser("supervisor", List.of(Role.SUPERVISOR), Map.of()),
            new DemoUser("community-admin", List.of(Role.COMMUNITY_ADMIN), Map.of(TokenClaims.COMMUNITY, "xingzhou")),
            new DemoUser("admin", List.of(Role.ADMIN), Map.of()));

    private DemoDirectory() {
    }

    static String demoSecret(String clientId) {
        return clientId + "-secret";
    }

    static String demoPassword(String username) {
        return username + "-demo";
    }

    /** A channel system per channel and a department system per configured department, secret {@code <client id>-secret}. */
    static List<MachineClient> machineClients(IdentityProperties properties, PasswordEncoder encoder) {
        List<MachineIdentity> identities = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            identities.add(MachineIdentity.channel(channel));
        }
        for (String department : properties.departments()) {
            identities.add(MachineIdentity.department(department));
        }
        return identities.stream()
            .map(identity -> MachineClient.demo(identity, encoder.encode(demoSecret(identity.clientId()))))
            .toList();
    }

    /** The console: a public client (no secret) signing people in with the authorization code and PKCE. */
    static RegisteredClient console(IdentityProperties properties) {
        String id = UUID.nameUUIDFromBytes(CONSOLE_CLIENT_ID.getBytes(StandardCharsets.UTF_8)).toString();
        return RegisteredClient.withId(id)
            .clientId(CONSOLE_CLIENT_ID)
            .clientName("OneNetwork console")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUris(uris -> properties.consoleRedirectUris().stream().map(URI::toString).forEach(uris::add))
            .postLogoutRedirectUris(uris -> properties.consoleRedirectUris().stream().map(URI::toString).forEach(uris::add))
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
            .build();
    }

    /** The metrics scraper: client credentials, role {@code MONITORING} only, secret {@code monitoring-secret}. */
    static RegisteredClient monitoring(IdentityProperties properties, PasswordEncoder encoder) {
        String id = UUID.nameUUIDFromBytes(MONITORING_CLIENT_ID.getBytes(StandardCharsets.UTF_8)).toString();
        return RegisteredClient.withId(id)
            .clientId(MONITORING_CLIENT_ID)
            .clientName("Metrics scraper (Prometheus)")
            .clientSecret(encoder.encode(demoSecret(MONITORING_CLIENT_ID)))
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .clientSettings(ClientSettings.builder()
                .setting(ClientDirectory.ROLES_SETTING, List.of(Role.MONITORING.name()))
                .build())
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
            .build();
    }

    static List<UserDetails> users(PasswordEncoder encoder) {
        return USERS.stream()
            .map(user -> User.withUsername(user.username())
                .password(encoder.encode(demoPassword(user.username())))
                .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
                .build())
            .toList();
    }

    static Map<String, String> userClaims(String username) {
        return USERS.stream().filter(user -> user.username().equals(username)).findFirst()
            .map(DemoUser::claims).orElse(Map.of());
    }
}
