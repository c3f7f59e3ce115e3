package cn.onenet.routing.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import cn.onenet.routing.rules.RouteReasons;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing's own notes are worded as the console reads them: each example of the file the console's script is tested
 * against ({@code gateway/src/test/console/routing-notes.json}) is what its method writes, and every method that
 * writes a note has an example there, so a note reworded or added here fails until the console is told.
 */
class TimelineNotesTests {

    private static final Path EXAMPLES = Path.of("..", "gateway", "src", "test", "console", "routing-notes.json");

    private static final List<Class<?>> WRITERS = List.of(TimelineNotes.class, RouteReasons.class);

    @Test
    void everyExampleIsWhatRoutingWrites() throws Exception {
        List<JsonNode> examples = examples();
        assertThat(examples).isNotEmpty();
        for (JsonNode example : examples) {
            Method method = method(example.get("method").asString());
            Object written = method.invoke(null, arguments(method, example.get("arguments")));
            assertThat(written).as("%s with %s", example.get("method").asString(), example.get("arguments"))
                .isEqualTo(example.get("note").asString());
        }
    }

    @Test
    void everyNoteRoutingWritesHasAnExample() throws Exception {
        Set<String> exampled = new TreeSet<>();
        for (JsonNode example : examples()) {
            exampled.add(example.get("method").asString());
        }
        Set<String> writers = new TreeSet<>();
        for (Class<?> type : WRITERS) {
            Arrays.stream(type.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()))
                .forEach(method -> writers.add(type.getSimpleName() + "." + method.getName()));
        }
        assertThat(writers).hasSizeGreaterThan(10);
        assertThat(exampled).as("examples in %s", EXAMPLES).isEqualTo(writers);
    }

    private static List<JsonNode> examples() throws Exception {
        JsonNode file = JsonMapper.builder().build().readTree(Files.readString(EXAMPLES));
        List<JsonNode> notes = new ArrayList<>();
        file.get("notes").forEach(notes::add);
        return notes;
    }

    private static Method method(String name) {
        String[] parts = name.split("\\.");
        return WRITERS.stream()
            .filter(type -> type.getSimpleName().equals(parts[0]))
            .flatMap(type -> Stream.of(type.getDeclaredMethods()))
            .filter(method -> method.getName().equals(parts[1]) && Modifier.isPublic(method.getModifiers()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("routing writes no note by " + name));
    }

    /** The example's arguments as the method takes them: strings, booleans, moments, zones, enum constants, lists. */
    private static Object[] arguments(Method method, JsonNode given) {
        Class<?>[] types = method.getParameterTypes();
        assertThat(given.size()).as("arguments of %s", method.getName()).isEqualTo(types.length);
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = argument(types[i], given.get(i));
        }
        return arguments;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object argument(Class<?> type, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (type == boolean.class) {
            return value.asBoolean();
        }
        if (type == Instant.class) {
            return Instant.parse(value.asString());
        }
        if (type == ZoneId.class) {
            return ZoneId.of(value.asString());
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, value.asString());
        }
        if (Collection.class.isAssignableFrom(type)) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return items;
        }
        return value.asString();
    }
}
