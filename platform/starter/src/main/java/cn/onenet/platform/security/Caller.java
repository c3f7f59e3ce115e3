package cn.onenet.platform.security;

import cn.onenet.contracts.security.Role;
import cn.onenet.contracts.security.TokenClaims;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as their verified access token says: a controller method takes a {@code Caller} parameter (or calls
 * {@link #current()}). When token checks are off (no issuer configured) the caller is {@link #unverified()}: no
 * subject, no roles, and {@link #verified()} false, so ownership rules know there is nothing to check against.
 *
 * @param subject the token's subject: a machine client's id or a person's user name
 * @param clientId the OAuth2 client the token was issued to
 * @param roles the roles the token grants (unknown role names are ignored)
 * @param channel a channel system's own channel ({@code null} for everyone else)
 * @param department a department system's own department code ({@code null} for everyone else)
 * @param community a community staff member's community code ({@code null} for everyone else)
 * @param verified whether a token was checked at all
 */
public record Caller(String subject, String clientId, Set<Role> roles, String channel, String department,
        String community, boolean verified) {

    private static final Caller UNVERIFIED = new Caller(null, null, Set.of(), null, null, null, false);

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The caller when the service does not check tokens. */
    public static Caller unverified() {
        return UNVERIFIED;
    }

    /** The caller of the current request (servlet thread). */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Caller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return UNVERIFIED;
        }
        Jwt jwt = token.getToken();
        List<String> names = jwt.hasClaim(TokenClaims.ROLES) ? jwt.getClaimAsStringList(TokenClaims.ROLES) : List.of();
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        return new Caller(jwt.getSubject(), jwt.getClaimAsString(TokenClaims.CLIENT_ID), roles,
                jwt.getClaimAsString(TokenClaims.CHANNEL), jwt.getClaimAsString(TokenClaims.DEPARTMENT),
                jwt.getClaimAsString(TokenClaims.COMMUNITY), true);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who to write into an audit trail: with a verified token its subject, whatever the request claims; without token
     * checks (a local suite without an identity provider) the name the request gives ({@code X-Actor}), or
     * {@code anonymous}.
     */
    public String auditActor(String claimed) {
        if (verified) {
            return actor();
        }
        return claimed == null || claimed.isBlank() ? "anonymous" : claimed.trim();
    }

    /** How the caller is named in timelines and audit trails: the subject, or {@code anonymous}. */
    public String actor() {
        return subject == null ? "anonymous" : subject;
    }
}
