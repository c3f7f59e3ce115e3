package cn.onenet.routing.delivery;

import cn.onenet.routing.reference.ReferenceData;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Webhook endpoints as data: one per channel or department, registered, changed and removed through the API. */
@Service
public class Webhooks {

    public static final int MIN_SECRET_LENGTH = 16;

    private final WebhookEndpointStore store;
    private final EndpointDirectory directory;
    private final DeliveryWorker worker;
    private final ReferenceData referenceData;
    private final Clock clock;

    Webhooks(WebhookEndpointStore store, EndpointDirectory directory, DeliveryWorker worker, ReferenceData referenceData,
            Clock clock) {
        this.store = store;
        this.directory = directory;
        this.worker = worker;
        this.referenceData = referenceData;
        this.clock = clock;
    }

    public record Registration(WebhookEndpoint endpoint, boolean created) {
    }

    /** The target of an API call: well formed, and a department must be one the district has. */
    public Target target(String text) {
        Target target = Target.parse(text);
        if (target.isDepartment() && !referenceData.hasDepartment(target.code())) {
            throw new InvalidTarget("'" + target.code() + "' is not a known department");
        }
        return target;
    }

    /**
     * Creates or replaces the target's endpoint. The secret may be left out when replacing: the current one is kept.
     *
     * @throws InvalidWebhook when the URL is not an absolute http(s) URL or the secret is missing or too short
     */
    public Registration register(Target target, String url, String secret, boolean enabled) {
        Optional<WebhookEndpoint> existing = store.find(target);
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        URI uri = parseUrl(url, problems);
        if (secret == null && existing.isEmpty()) {
            problems.add(Map.entry("secret", "is required for a new webhook (at least " + MIN_SECRET_LENGTH + " characters)"));
        }
        else if (secret != null && secret.strip().length() < MIN_SECRET_LENGTH) {
            problems.add(Map.entry("secret", "must have at least " + MIN_SECRET_LENGTH + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidWebhook(problems);
        }
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint(target, uri, secret != null ? secret : existing.get().secret(),
                enabled, existing.map(WebhookEndpoint::createdAt).orElse(now), now);
        boolean created = store.save(endpoint);
        directory.refresh();
        worker.endpointChanged(target);
        return new Registration(endpoint, created);
    }

    public List<WebhookEndpoint> list() {
        return store.findAll().stream().sorted(Comparator.comparing(endpoint -> endpoint.target().toString())).toList();
    }

    public WebhookEndpoint get(Target target) {
        return store.find(target).orElseThrow(() -> new WebhookNotFound(target));
    }

    /** Removes the endpoint; its pending deliveries are held (not dropped) until one is registered again. */
    public void remove(Target target) {
        if (!store.delete(target)) {
            throw new WebhookNotFound(target);
        }
        directory.refresh();
    }

    /** What is wrong with a webhook's URL, or {@code null} when it can be posted to (a missing one included). */
    public static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        parseUrl(url, problems);
        return problems.isEmpty() ? null : problems.get(0).getValue();
    }

    private static URI parseUrl(String url, List<Map.Entry<String, String>> problems) {
        if (url == null || url.isBlank()) {
            problems.add(Map.entry("url", "is required: the http(s) URL results are posted to"));
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                problems.add(Map.entry("url", "must be an absolute http or https URL with a host, no user info and no"
                        + " fragment (a host in Chinese characters in its ASCII form: 例子.测试 as"
                        + " xn--fsqu00a.xn--0zwm56d)"));
                return null;
            }
            // java.net.URI takes any number for a port: 99999 or 0 was registered, and every delivery then failed
            if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
                problems.add(Map.entry("url", "has port " + uri.getPort() + "; a port is 1 to 65535"));
                return null;
            }
            return uri;
        }
        catch (URISyntaxException ex) {
            problems.add(Map.entry("url", "is not a valid URL: " + ex.getReason()));
            return null;
        }
    }
}
