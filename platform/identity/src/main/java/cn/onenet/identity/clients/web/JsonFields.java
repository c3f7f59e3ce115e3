package cn.onenet.identity.clients.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body read as one JSON object, field by field, as it was sent: nothing converted to a type yet (so that a
 * number is never taken for a string, nor the other way round), and every field given more than once noted (where a
 * plain reading would keep the last value and say nothing). The caller checks each field itself and names every bad
 * one in one answer.
 *
 * @param values the fields by name, in the order sent; a field given more than once has its last value
 * @param repeated the names of the fields given more than once
 */
record JsonFields(Map<String, JsonNode> values, Set<String> repeated) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    JsonFields {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        repeated = Collections.unmodifiableSet(new TreeSet<>(repeated));
    }

    /**
     * Reads {@code body} ({@code null} if none was sent).
     *
     * @throws UnreadableBody if it is no JSON, or JSON but not one object
     */
    static JsonFields read(String body) {
        if (body == null || body.isBlank()) {
            throw new UnreadableBody("no body was sent");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Set<String> repeated = new TreeSet<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableBody("the body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                // a value's own objects may repeat a key: no field of this API is an object, so it is refused anyway
                if (values.put(name, parser.readValueAsTree()) != null) {
                    repeated.add(name);
                }
            }
            if (parser.nextToken() != null) {
                throw new UnreadableBody("the JSON object is followed by more");
            }
        }
        catch (JacksonException ex) {
            throw new UnreadableBody("the body is not JSON: " + ex.getOriginalMessage());
        }
        return new JsonFields(values, repeated);
    }
}
