package cn.onenet.platform.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;

/**
 * A second reading of a body the strict reading refused, to find every field it refuses instead of only the first:
 * each unknown field and each value of the wrong type or form is noted with its path and skipped (read as
 * {@code null}), and the rest is bound, so that bean validation can still judge the fields that are fine. The
 * strict rules stay the strict mapper's; this reading only carries on where that one stops.
 */
final class LenientReading {

    /** What the second reading bound, and the fields it had to skip. */
    record Result(Object value, List<FieldProblem> problems) {
    }

    private static final Object PROBLEMS = LenientReading.class;

    private final JsonMapper mapper;

    LenientReading(JsonMapper strict) {
        SimpleModule skipping = new SimpleModule("onenet-lenient-reading");
        skipping.setDeserializerModifier(new Skipping());
        this.mapper = strict.rebuild()
            // a key given twice was noted by the strict reading; here the last one is read so the rest can be
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addHandler(new UnknownFields())
            .addModule(skipping)
            .build();
    }

    /** Reads what can be read of a well-formed body; a body that is not JSON at all fails as before. */
    Result read(byte[] body, JavaType type) {
        List<FieldProblem> problems = new ArrayList<>();
        Object value = mapper.readerFor(type).withAttribute(PROBLEMS, problems).readValue(body);
        return new Result(value, problems);
    }

    /**
     * Every key given more than once in one object, at any depth, named by its path: the strict reading stops at the
     * first problem, and a reading that goes on takes the last of two keys without a word, so the repeats are looked
     * for in the bytes themselves. What follows a place where the body stops being JSON is not looked at.
     */
    List<FieldProblem> repeatedKeys(byte[] body) {
        Set<String> repeated = new LinkedHashSet<>();
        Deque<Set<String>> open = new ArrayDeque<>();
        try (JsonParser parser = mapper.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    open.push(new HashSet<>());
                }
                else if (token == JsonToken.END_OBJECT) {
                    open.pop();
                }
                else if (token == JsonToken.PROPERTY_NAME && !open.peek().add(parser.currentName())) {
                    repeated.add(path(parser.streamReadContext()));
                }
            }
        }
        catch (JacksonException notJson) {
            // the readings that follow say what is wrong with it
        }
        return repeated.stream().map(field -> new FieldProblem(field, REPEATED)).toList();
    }

    static final String REPEATED = "is given more than once; send each field once";

    /** The dotted path (with {@code [i]} for array items) of the value the parser is at, as a caller wrote it. */
    static String path(TokenStreamContext context) {
        List<TokenStreamContext> chain = new ArrayList<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            chain.add(0, at);
        }
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext at : chain) {
            if (at.inArray()) {
                path.append('[').append(Math.max(0, at.getCurrentIndex())).append(']');
            }
            else if (at.currentName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(at.currentName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The context the parser's current value sits in: an object or array opens its own, its place is the parent's. */
    static TokenStreamContext placeOf(JsonParser parser) {
        return parser.isExpectedStartObjectToken() || parser.isExpectedStartArrayToken()
                ? parser.streamReadContext().getParent() : parser.streamReadContext();
    }

    @SuppressWarnings("unchecked")
    private static void note(DeserializationContext context, FieldProblem problem) {
        Object problems = context.getAttribute(PROBLEMS);
        // a collection that fails because of the value skipped inside it (an EnumSet holds no null) is named there
        if (problems instanceof List<?> list && list.stream().noneMatch(known -> named(problem.field(),
                ((FieldProblem) known).field()))) {
            ((List<FieldProblem>) list).add(problem);
        }
    }

    /** Whether naming {@code at} already names {@code field}: the same field, or one inside it. */
    static boolean named(String field, String at) {
        return at.equals(field) || at.startsWith(field) && (at.charAt(field.length()) == '['
                || at.charAt(field.length()) == '.');
    }

    private static final class UnknownFields extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
            // a record's unknown fields are kept aside and handed over once its object is read, from a parser of their
            // own whose place says nothing: the object's place is then where the reading parser stands
            String within = path(parser == context.getParser() ? placeOf(parser).getParent()
                    : context.getParser().streamReadContext());
            String field = "body".equals(within) ? propertyName : within + "." + propertyName;
            note(context, new FieldProblem(field, ProblemHandler.UNKNOWN_FIELD));
            parser.skipChildren();
            return true;
        }
    }

    /** Puts every deserializer behind one that notes its failure and reads the value as null instead. */
    private static final class Skipping extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
                ValueDeserializer<?> deserializer) {
            return new Skipped(deserializer);
        }

        @Override
        public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
            return new Skipped(deserializer);
        }

        @Override
        public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
            return new Skipped(deserializer);
        }

        @Override
        public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
                BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
            return new Skipped(deserializer);
        }

        @Override
        public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
                BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
            return new Skipped(deserializer);
        }
    }

    private static final class Skipped extends DelegatingDeserializer {

        Skipped(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Skipped(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            TokenStreamContext within = placeOf(parser);
            String path = path(within);
            try {
                return super.deserialize(parser, context);
            }
            catch (JacksonException ex) {
                if (context.getAttribute(PROBLEMS) == null) {
                    throw ex;
                }
                note(context, new FieldProblem(path, ProblemHandler.describe(ex)));
                skipRest(parser, within);
                return null;
            }
        }

        /** Moves past the rest of the value that failed, to where its parent carries on. */
        private static void skipRest(JsonParser parser, TokenStreamContext within) {
            while (parser.streamReadContext() != within || parser.currentToken() == JsonToken.START_OBJECT
                    || parser.currentToken() == JsonToken.START_ARRAY) {
                if (parser.nextToken() == null) {
                    return;
                }
            }
        }
    }
}
