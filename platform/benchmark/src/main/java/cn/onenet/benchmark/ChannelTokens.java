package cn.onenet.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An access token per channel, as each channel system gets it: the client-credentials grant of its demo client
 * ({@code channel-<channel>}, secret {@code <client id>-secret}, see README) at the identity provider. A token close to
 * its expiry is renewed in the background while the current one is still sent, so renewing never stalls the load.
 */
final class ChannelTokens {

    static final List<String> CHANNELS = List.of("PARTY_BUILDING", "LIVELIHOOD", "GOVERNANCE", "COURT", "LAWYER",
            "POLICE", "HOTLINE");
    private static final long RENEW_BEFORE_MILLIS = Duration.ofMinutes(5).toMillis();

    private record Token(String value, long expiresAtMillis) {
    }

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final JsonMapper json;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> renewing = new ConcurrentHashMap<>();

    private ChannelTokens(HttpClient http, String issuer, JsonMapper json) {
        this.http = http;
        this.tokenEndpoint = issuer == null ? null : URI.create(issuer + "/oauth2/token");
        this.json = json;
    }

    /** Sends no tokens: for a suite that checks none. */
    static ChannelTokens none() {
        return new ChannelTokens(null, null, null);
    }

    /** Fetches a token for every channel now, so that a wrong issuer fails before the load starts. */
    static ChannelTokens fetch(HttpClient http, String issuer, JsonMapper json) throws IOException, InterruptedException {
        ChannelTokens tokens = new ChannelTokens(http, issuer, json);
        for (String channel : CHANNELS) {
            tokens.tokens.put(channel, tokens.request(channel));
        }
        return tokens;
    }

    static String clientId(String channel) {
        return "channel-" + channel.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code Authorization} header value for a request on {@code channel}, or null when no tokens are used. */
    String authorization(String channel) {
        if (tokenEndpoint == null) {
            return null;
        }
        Token token = tokens.get(channel);
        if (token == null) {
            throw new IllegalArgumentException("No token for channel " + channel);
        }
        if (token.expiresAtMillis() - System.currentTimeMillis() < RENEW_BEFORE_MILLIS) {
            renewInBackground(channel);
        }
        return "Bearer " + token.value();
    }

    private void renewInBackground(String channel) {
        AtomicBoolean flag = renewing.computeIfAbsent(channel, ignored -> new AtomicBoolean());
        if (!flag.compareAndSet(false, true)) {
            return;
        }
        http.sendAsync(tokenRequest(channel), HttpResponse.BodyHandlers.ofString())
            .thenAccept(response -> {
                if (response.statusCode() == 200) {
                    tokens.put(channel, parse(response.body()));
                }
            })
            .whenComplete((ignored, failure) -> flag.set(false));
    }

    private Token request(String channel) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(tokenRequest(channel), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The identity provider refused a token for " + clientId(channel) + " (HTTP "
                    + response.statusCode() + "): " + response.body());
        }
        return parse(response.body());
    }

    private HttpRequest tokenRequest(String channel) {
        String clientId = clientId(channel);
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientId + "-secret")
            .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(tokenEndpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
    }

    private Token parse(String body) {
        JsonNode node = json.readTree(body);
        long expiresIn = node.path("expires_in").asLong(300);
        return new Token(node.path("access_token").asString(), System.currentTimeMillis() + expiresIn * 1000);
    }
}
