package cn.onenet.identity.departments;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * The district's departments as the routing service's reference data lists them ({@code GET /api/v1/departments},
 * an array of objects with a {@code code}). Read afresh for each department system an administrator adds: that is
 * rare, and a department added at routing a moment before must count.
 * <p>
 * The call carries the administrator's own {@code Authorization} header (the token is valid at routing: same issuer
 * and audience, so routing decides who may read its list, as for any caller) and the call's correlation id. Its
 * timeouts are short: the administrator is waiting, and an answer later than that is no better than none.
 */
public final class Departments {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Logger log = LoggerFactory.getLogger(Departments.class);

    private final URI list;
    private final RestClient http;
    private final Supplier<String> correlationId;

    private Departments(URI list, Supplier<String> correlationId) {
        this.list = list;
        this.correlationId = correlationId;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * @param list the routing service's department list; {@code null}: no department is checked, every code counts
     * @param correlationId gives the correlation id of the call being served ({@code null} for none), passed on
     */
    public static Departments at(URI list, Supplier<String> correlationId) {
        if (list == null) {
            log.info("Department systems are added for any well-formed department code: no department list is "
                    + "configured (onenet.identity.departments-uri)");
        }
        else {
            log.info("Department systems are added only for the departments listed at {}", list);
        }
        return new Departments(list, correlationId);
    }

    /** where the list is read, {@code null} when not checked */
    public URI list() {
        return list;
    }

    /**
     * Whether a department has {@code code}; always {@code true} when no list is configured.
     *
     * @param authorization the caller's {@code Authorization} header, passed on; {@code null} for none
     * @throws DepartmentsUnavailable if the list can't be read
     */
    public boolean exists(String code, String authorization) {
        if (list == null) {
            return true;
        }
        JsonNode departments;
        try {
            departments = http.get().uri(list).accept(MediaType.APPLICATION_JSON).headers(headers -> {
                if (authorization != null) {
                    headers.set(HttpHeaders.AUTHORIZATION, authorization);
                }
                String id = correlationId.get();
                if (id != null) {
                    headers.set(CORRELATION_HEADER, id);
                }
            }).retrieve().body(JsonNode.class);
        }
        catch (RestClientException ex) {
            // unreachable, timed out, non-2xx, or no JSON
            throw new DepartmentsUnavailable("GET " + list + " failed: " + ex.getMessage(), ex);
        }
        if (departments == null || !departments.isArray()) {
            throw new DepartmentsUnavailable("GET " + list + " answered no JSON array", null);
        }
        return departments.valueStream().anyMatch(department -> department.path("code").isString()
                && department.path("code").asString().equals(code));
    }
}
