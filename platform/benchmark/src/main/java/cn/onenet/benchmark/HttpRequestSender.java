package cn.onenet.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each request with the JDK's asynchronous HTTP client, with the token of the request's channel system; the
 * 202's body gives the accepted id.
 */
final class HttpRequestSender implements RequestSender {

    private final HttpClient http;
    private final URI uri;
    private final RequestFactory requests;
    private final Duration timeout;
    private final JsonMapper json;
    private final ChannelTokens tokens;

    HttpRequestSender(HttpClient http, String target, RequestFactory requests, Duration timeout, JsonMapper json,
            ChannelTokens tokens) {
        this.http = http;
        this.tokens = tokens;
        this.uri = URI.create(target + "/api/v1/requests");
        this.requests = requests;
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public CompletableFuture<Outcome> send(long sequence) {
        Map<String, Object> body = requests.request(sequence);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        // each channel system sends its own token: a request on another's channel would be refused
        String authorization = tokens.authorization((String) body.get("channel"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(this::outcome);
    }

    private Outcome outcome(HttpResponse<byte[]> response) {
        if (response.statusCode() != 202) {
            return Outcome.http(response.statusCode(), problem(response.body()));
        }
        String id = acceptedId(response.body());
        return id == null ? Outcome.clientError("202-without-id") : Outcome.accepted(id);
    }

    /** {@code "<last segment of type>: <title>"} of a Problem Details body, or null. */
    private String problem(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            String type = node.path("type").asString(null);
            String title = node.path("title").asString(null);
            if (type == null && title == null) {
                return null;
            }
            String kind = type == null ? "" : type.substring(type.lastIndexOf('/') + 1);
            String text = kind + (title == null ? "" : ": " + title);
            return text.length() > 120 ? text.substring(0, 120) : text;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String acceptedId(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("id").asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
