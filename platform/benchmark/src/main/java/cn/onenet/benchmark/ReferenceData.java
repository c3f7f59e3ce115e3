package cn.onenet.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The categories and communities a request may name, read from the target at start.
 *
 * @param categories  categories with a responsible department (so each request is expected to be DISPATCHED)
 * @param untracked   categories without a department (they go to TRIAGE); not used by the load
 * @param communities community codes and names
 */
record ReferenceData(List<Category> categories, List<String> untracked, List<Community> communities) {

    record Category(String code, String department) {
    }

    record Community(String code, String name) {
    }

    ReferenceData {
        if (categories.isEmpty()) {
            throw new IllegalStateException("The catalogue has no category with a department");
        }
        if (communities.isEmpty()) {
            throw new IllegalStateException("There are no communities");
        }
        categories = List.copyOf(categories);
        untracked = List.copyOf(untracked);
        communities = List.copyOf(communities);
    }

    /** @param authorization the {@code Authorization} header to send, or null */
    static ReferenceData fetch(HttpClient http, String target, JsonMapper json, String authorization)
            throws IOException, InterruptedException {
        JsonNode catalogue = get(http, target + "/api/v1/catalogue", json, authorization);
        JsonNode communities = get(http, target + "/api/v1/communities", json, authorization);
        return parse(catalogue, communities);
    }

    static ReferenceData parse(JsonNode catalogue, JsonNode communities) {
        List<Category> categories = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        for (JsonNode category : catalogue) {
            String code = category.path("code").asString(null);
            String department = category.path("department").asString(null);
            if (code == null) {
                continue;
            }
            if (department == null || department.isBlank()) {
                untracked.add(code);
            } else {
                categories.add(new Category(code, department));
            }
        }
        List<Community> list = new ArrayList<>();
        for (JsonNode community : communities) {
            String code = community.path("code").asString(null);
            if (code != null) {
                list.add(new Community(code, community.path("name").asString(code)));
            }
        }
        return new ReferenceData(categories, untracked, list);
    }

    private static JsonNode get(HttpClient http, String url, JsonMapper json, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
