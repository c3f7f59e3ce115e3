package cn.onenet.identity;

import cn.onenet.identity.clients.MachineIdentity;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer the issuer identifier written into every token ({@code iss}); resource servers are configured with
 *        the same URI ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 * @param audience the audience every access token carries ({@code aud}); resource servers refuse tokens without it
 * @param keyFile where the RSA signing key (a private JWK) is kept: generated on first start, read on every later
 *        one, so tokens stay valid across restarts. The clients administrators add (and their changes to the demo
 *        clients) are kept beside it, in {@value #CLIENTS_FILE_NAME}
 * @param signingKey a private RSA JWK (JSON) to sign with instead of the key file, e.g. from the environment
 * @param accessTokenTtl how long an access token is valid
 * @param consoleRedirectUris where the console may receive its authorization code
 * @param consoleOrigins browser origins allowed to call the token endpoint (CORS), i.e. where the console is served
 * @param departments the department codes that get a demo department-system client (each
 *        {@code [a-z0-9][a-z0-9-]{0,63}})
 * @param departmentsUri the routing service's department list ({@code GET /api/v1/departments}): a department
 *        system is registered only for a code listed there, since no order is ever dispatched to any other. Empty
 *        switches the check off, e.g. where routing is not at hand or the departments are kept elsewhere
 */
@ConfigurationProperties("onenet.identity")
public record IdentityProperties(
        @DefaultValue("http://127.0.0.1:9000") URI issuer,
        @DefaultValue("onenet") String audience,
        @DefaultValue("data/identity/signing-key.json") Path keyFile,
        String signingKey,
        @DefaultValue("30m") Duration accessTokenTtl,
        @DefaultValue("http://127.0.0.1:8080/") List<URI> consoleRedirectUris,
        @DefaultValue("http://127.0.0.1:8080") List<String> consoleOrigins,
        @DefaultValue({ "wenxin-street", "xingzhou-committee", "hupan-committee", "dejia-committee", "police-wenxin",
            "court-xihu", "justice-office", "civil-affairs", "urban-management", "housing", "human-resources",
            "party-affairs" }) List<String> departments,
        // a String: an empty URI would bind as no value at all, and so take the default
        @DefaultValue("http://localhost:8082/api/v1/departments") String departmentsUri) {

    static final String CLIENTS_FILE_NAME = "clients.json";

    public IdentityProperties {
        if (issuer == null || issuer.getHost() == null) {
            throw new IllegalArgumentException("onenet.identity.issuer must be an absolute URI, was " + issuer);
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("onenet.identity.audience must not be blank");
        }
        if (accessTokenTtl == null || accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("onenet.identity.access-token-ttl must be positive, was " + accessTokenTtl);
        }
        consoleRedirectUris = List.copyOf(consoleRedirectUris);
        consoleOrigins = List.copyOf(consoleOrigins);
        departments = List.copyOf(departments);
        departmentsUri = departmentsUri == null ? "" : departmentsUri.strip();
        if (!departmentsUri.isEmpty() && !isHttpUri(departmentsUri)) {
            throw new IllegalArgumentException("onenet.identity.departments-uri must be an http(s) URI, or empty for "
                    + "no check, was " + departmentsUri);
        }
        for (String department : departments) {
            if (!MachineIdentity.DEPARTMENT_CODE.matcher(department).matches()) {
                throw new IllegalArgumentException("onenet.identity.departments: '" + department
                        + "' is not a department code (lower-case letters, digits and -, up to 64)");
            }
        }
    }

    /** where the department list is read; empty when departments are not checked */
    public Optional<URI> departmentList() {
        return departmentsUri.isEmpty() ? Optional.empty() : Optional.of(URI.create(departmentsUri));
    }

    private static boolean isHttpUri(String text) {
        try {
            URI uri = new URI(text);
            return uri.getHost() != null && List.of("http", "https").contains(uri.getScheme());
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }

    /** where the clients administrators add are kept: beside the signing key file */
    public Path clientsFile() {
        return keyFile.toAbsolutePath().resolveSibling(CLIENTS_FILE_NAME);
    }
}
