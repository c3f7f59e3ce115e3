package cn.onenet.platform.web;

import java.time.Year;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.core.Ordered;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: an unknown field is refused (so a client can't set what it must not),
 * a number is no enum, a null is no primitive, a key given twice is refused (else the last one silently wins),
 * and strings, numbers and booleans are not turned into one another ({@code "title":123} is not the text
 * "123", {@code "latitude":"30.1"} is not a number). Nor is a fraction a whole number ({@code 1.5} is not 1), and a
 * date, time or duration is a string in its ISO-8601 form only: {@code 1799719200} is no date-time (Jackson would read
 * epoch seconds) and {@code [2031,1,2]} no date. Runs after Boot's own customizer so it cannot be undone by accident.
 */
public class StrictJson implements JsonMapperBuilderCustomizer, Ordered {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withCoercionConfig(LogicalType.Textual, text -> text
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        for (LogicalType scalar : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
            builder.withCoercionConfig(scalar, coercions -> coercions
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
        }
        builder.withCoercionConfig(LogicalType.Boolean, coercions -> coercions
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        builder.withCoercionConfig(LogicalType.Integer, coercions -> coercions
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        SimpleModule isoOnly = new SimpleModule("onenet-iso-dates");
        isoOnly.setDeserializerModifier(new IsoStringsOnly());
        builder.addModule(isoOnly);
    }

    /** Puts each java.time deserializer behind one that takes a string and nothing else (null stays null). */
    private static final class IsoStringsOnly extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
                ValueDeserializer<?> deserializer) {
            Class<?> type = bean.getBeanClass();
            // a year is a number by nature (Jackson writes 2026, not "2026")
            if (!TemporalAccessor.class.isAssignableFrom(type) && !TemporalAmount.class.isAssignableFrom(type)
                    || type == Year.class) {
                return deserializer;
            }
            if (deserializer instanceof DelegatingDeserializer outer) {
                // a module added later wraps first (the lenient reading's notes failures): it must stay outside to
                // see this one's refusal
                return outer.replaceDelegatee(modifyDeserializer(config, bean, outer.getDelegatee()));
            }
            return new StringOnly(deserializer, type);
        }
    }

    private static final class StringOnly extends DelegatingDeserializer {

        private final Class<?> type;

        StringOnly(ValueDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new StringOnly(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            // a wrong token is reported as such (MismatchedInputException naming the type), which callers read as
            // "must be an ISO-8601 …"
            return parser.hasToken(JsonToken.VALUE_STRING) ? super.deserialize(parser, context)
                    : context.handleUnexpectedToken(type, parser);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
