package cn.onenet.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets access tokens from the suite's identity provider the way real clients do: the client-credentials grant for
 * machine clients, and — for people — the authorization-code flow with PKCE, driving the login form like a browser
 * (cookies, CSRF token, redirects). Uses only the JDK, so tests and tools can share it.
 */
public final class IdentityClient {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID_TOKEN = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI issuer;

    /** @param issuer the identity provider's issuer URI, e.g. {@code http://127.0.0.1:9000} */
    public IdentityClient(String issuer) {
        this.issuer = URI.create(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer);
    }

    /**
     * An access token for a machine client (client-credentials grant, client secret in the Basic header).
     *
     * @throws IllegalStateException if the identity provider does not issue one
     */
    public String clientCredentials(String clientId, String secret) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String basic = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret))
            .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        return accessToken(response, "client " + clientId);
    }

    /**
     * An access token for a person: starts the authorization-code flow with PKCE for the public client
     * {@code clientId}, signs in on the login form, takes the code from the redirect to {@code redirectUri} and
     * exchanges it, with the code verifier, for tokens.
     *
     * @throws IllegalStateException if any step does not go as a browser would see it
     */
    public String login(String username, String password, String clientId, String redirectUri) {
        return browser(clientId, redirectUri).signIn(username, password);
    }

    /**
     * A browser of its own (its own cookies) for the public client {@code clientId}: to sign a person in, and then to
     * renew their token without a page, as the console does before a token runs out.
     */
    public Browser browser(String clientId, String redirectUri) {
        return new Browser(clientId, redirectUri);
    }

    /** One browser's dealings with the identity provider: its cookies are the person's sign-in there. */
    public final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        private final String clientId;
        private final String redirectUri;
        private String idToken;

        private Browser(String clientId, String redirectUri) {
            this.clientId = clientId;
            this.redirectUri = redirectUri;
        }

        /**
         * Signs {@code username} in on the login form and answers their access token (see
         * {@link IdentityClient#login}).
         */
        public String signIn(String username, String password) {
            String verifier = randomUrlSafe(48);
            String state = randomUrlSafe(16);
            HttpResponse<String> toLogin = send(http, HttpRequest.newBuilder(authorizeUri(state, verifier, null))
                .header("Accept", "text/html").GET());
            URI loginPage = redirect(toLogin, "the authorization endpoint");
            HttpResponse<String> page = send(http, HttpRequest.newBuilder(loginPage).GET());
            Matcher csrf = CSRF.matcher(page.body());
            if (!csrf.find()) {
                throw new IllegalStateException("No CSRF token on the login page " + loginPage + ": " + page.body());
            }
            Map<String, String> credentials = new LinkedHashMap<>();
            credentials.put("username", username);
            credentials.put("password", password);
            credentials.put("_csrf", csrf.group(1));
            HttpResponse<String> signedIn = send(http, HttpRequest.newBuilder(loginPage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(credentials))));
            URI next = redirect(signedIn, "the login form (wrong password?)");
            if (next.getPath().endsWith("/login") && "error".equals(next.getQuery())) {
                throw new IllegalStateException("The identity provider refused the password of " + username);
            }
            // back to the authorization endpoint (the saved request), which now redirects to the client with a code
            for (int hops = 0; !next.toString().startsWith(redirectUri) && hops < 5; hops++) {
                next = redirect(send(http, HttpRequest.newBuilder(next).header("Accept", "text/html").GET()),
                        "the authorization endpoint after sign-in");
            }
            return exchange(query(next), state, verifier, "user " + username);
        }

        /**
         * Asks for a new token without any page ({@code prompt=none}), as the console's hidden frame does: answers the
         * token while the person's sign-in at the provider lasts.
         *
         * @throws IllegalStateException naming the provider's error ({@code login_required}) when it does not
         */
        public String renew() {
            String verifier = randomUrlSafe(48);
            String state = randomUrlSafe(16);
            Map<String, String> answer = authorizeSilently(state, verifier);
            if (answer.containsKey("error")) {
                throw new IllegalStateException("No renewal: " + answer.get("error") + " "
                        + answer.getOrDefault("error_description", ""));
            }
            return exchange(answer, state, verifier, "the renewal");
        }

        /**
         * Signs the person out at the provider as the console's sign-out does (OpenID Connect RP-initiated logout with
         * the last ID token): their sign-in there ends, and with it every renewal.
         */
        public void signOut() {
            if (idToken == null) {
                throw new IllegalStateException("Nobody signed in on this browser");
            }
            Map<String, String> logout = new LinkedHashMap<>();
            logout.put("id_token_hint", idToken);
            logout.put("post_logout_redirect_uri", redirectUri);
            URI back = redirect(send(http, HttpRequest.newBuilder(issuer.resolve("/connect/logout?" + form(logout)))
                .header("Accept", "text/html").GET()), "the logout endpoint");
            if (!back.toString().startsWith(redirectUri)) {
                throw new IllegalStateException("Sign-out was sent to " + back + ", not back to " + redirectUri);
            }
            idToken = null;
        }

        /** The authorization endpoint's answer to {@code prompt=none}: the query it sends back to the client. */
        public Map<String, String> authorizeSilently(String state, String verifier) {
            URI back = redirect(send(http, HttpRequest.newBuilder(authorizeUri(state, verifier, "none"))
                .header("Accept", "text/html").GET()), "the authorization endpoint (prompt=none)");
            if (!back.toString().startsWith(redirectUri)) {
                throw new IllegalStateException("prompt=none was sent to " + back + ", not back to " + redirectUri);
            }
            return query(back);
        }

        private URI authorizeUri(String state, String verifier, String prompt) {
            Map<String, String> authorize = new LinkedHashMap<>();
            authorize.put("response_type", "code");
            authorize.put("client_id", clientId);
            authorize.put("redirect_uri", redirectUri);
            authorize.put("scope", "openid profile");
            authorize.put("state", state);
            authorize.put("code_challenge", challenge(verifier));
            authorize.put("code_challenge_method", "S256");
            if (prompt != null) {
                authorize.put("prompt", prompt);
            }
            return issuer.resolve("/oauth2/authorize?" + form(authorize));
        }

        private String exchange(Map<String, String> query, String state, String verifier, String who) {
            if (!state.equals(query.get("state")) || query.get("code") == null) {
                throw new IllegalStateException("Expected a code and the state at " + redirectUri + ", was " + query);
            }
            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "authorization_code");
            exchange.put("code", query.get("code"));
            exchange.put("redirect_uri", redirectUri);
            exchange.put("client_id", clientId);
            exchange.put("code_verifier", verifier);
            HttpResponse<String> tokens = send(http, HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(exchange))));
            String accessToken = accessToken(tokens, who);
            Matcher id = ID_TOKEN.matcher(tokens.body());
            idToken = id.find() ? id.group(1) : null;
            return accessToken;
        }
    }

    private static String accessToken(HttpResponse<String> response, String who) {
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("No access token for " + who + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return matcher.group(1);
    }

    private static URI redirect(HttpResponse<String> response, String step) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (response.statusCode() / 100 != 3 || location == null) {
            throw new IllegalStateException("Expected a redirect from " + step + ", got HTTP " + response.statusCode()
                    + " " + response.body());
        }
        return response.uri().resolve(location);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
                }
            }
        }
        return values;
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
