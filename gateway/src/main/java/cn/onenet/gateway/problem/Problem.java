package cn.onenet.gateway.problem;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem as the gateway writes it.
 *
 * @param type stable URI naming the kind of problem
 * @param title short human summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this call and how to fix it
 * @param instance the path of the request the problem is about
 * @param extensions further members, written after the standard ones in their given order
 */
public record Problem(URI type, String title, int status, String detail, String instance,
        Map<String, Object> extensions) {

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** The JSON members in their conventional order. */
    Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type.toString());
        members.put("title", title);
        members.put("status", status);
        if (detail != null) {
            members.put("detail", detail);
        }
        if (instance != null) {
            members.put("instance", instance);
        }
        extensions.forEach(members::putIfAbsent);
        return members;
    }
}
