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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Webhook endpoints as data: one per channel or department, registered, changed and removed through the API. Each
 * change is logged with who made it and what changed; of a URL only its scheme, host and port (a path or query may
 * hold a token), and of the secret only that it was replaced.
 */
@Service
public class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

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
     * @param actor who asked, for the log line
     * @throws InvalidWebhook when the URL is not an absolute http(s) URL or the secret is missing or too short
     */
    public Registration register(Target target, String url, String secret, boolean enabled, String actor) {
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
        if (existing.isEmpty()) {
            log.info("Webhook of {} registered by {}: {}, {}", target, actor, origin(uri),
                    enabled ? "enabled" : "disabled");
        }
        else {
            log.info("Webhook of {} changed by {}: {}", target, actor,
                    changes(existing.get(), endpoint, secret != null));
        }
        return new Registration(endpoint, created);
    }

    /** What a change changed, without the secret or the URL's path and query. */
    private static String changes(WebhookEndpoint before, WebhookEndpoint after, boolean secretGiven) {
        List<String> changes = new ArrayList<>();
        String from = origin(before.url());
        String to = origin(after.url());
        if (!from.equals(to)) {
            changes.add("URL " + from + " -> " + to);
        }
        else if (!before.url().equals(after.url())) {
            changes.add("URL path or query changed (still " + to + ")");
        }
        if (before.enabled() != after.enabled()) {
            changes.add(after.enabled() ? "enabled" : "disabled");
        }
        if (secretGiven && !before.secret().equals(after.secret())) {
            changes.add("secret replaced");
        }
        return changes.isEmpty() ? "nothing changed (" + to + ", " + (after.enabled() ? "enabled" : "disabled") + ")"
                : String.join(", ", changes);
    }

    /** A URL's scheme, host and port: where it points, without a path or query that may hold a token. */
    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    public List<WebhookEndpoint> list() {
        return store.findAll().stream().sorted(Comparator.comparing(endpoint -> endpoint.target().toString())).toList();
    }

    public WebhookEndpoint get(Target target) {
        return store.find(target).orElseThrow(() -> new WebhookNotFound(target));
    }

    /**
     * Removes the endpoint; its pending deliveries are held (not dropped) until one is registered again.
     *
     * @param actor who asked, for the log line
     */
    public void remove(Target target, String actor) {
        Optional<WebhookEndpoint> existing = store.find(target);
        if (!store.delete(target)) {
            throw new WebhookNotFound(target);
        }
        directory.refresh();
        log.info("Webhook of {} removed by {} (it was {}); its pending deliveries are held until one is registered",
                target, actor, existing.map(endpoint -> origin(endpoint.url())).orElse("gone meanwhile"));
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
