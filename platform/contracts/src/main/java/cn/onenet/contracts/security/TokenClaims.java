package cn.onenet.contracts.security;

/**
 * The claims of a OneNetwork access token beyond the registered ones ({@code iss}, {@code sub}, {@code aud},
 * {@code exp} …). Any OpenID Connect provider can be configured to issue them (e.g. Keycloak protocol mappers).
 */
public final class TokenClaims {

    /** the {@link Role} names of the caller, a JSON array of strings */
    public static final String ROLES = "roles";
    /** for a channel system: the {@code Channel} it submits on */
    public static final String CHANNEL = "channel";
    /** for a department system: the department code it reports for */
    public static final String DEPARTMENT = "department";
    /** for community staff: the community code they serve */
    public static final String COMMUNITY = "community";
    /** the OAuth2 client the token was issued to */
    public static final String CLIENT_ID = "client_id";

    /** the audience every access token must carry to be accepted by the suite */
    public static final String DEFAULT_AUDIENCE = "onenet";

    private TokenClaims() {
    }
}
