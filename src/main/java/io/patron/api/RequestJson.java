package io.patron.api;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read, for every operation at once: JSON types are strict where a field is declared
 * (a boolean, object or array is never a string; a number is never a boolean; a fraction is never an
 * integer), and every text value is checked by {@link TextLimits} under its field name before any service
 * sees it. A JSON number where a string is declared is taken as its decimal text: PHP clients send ids and
 * codes as ints. Phone fields are normalized to digits (see {@link PhoneNumbers}).
 */
@Configuration(proxyBeanMethods = false)
public class RequestJson {

    /**
     * A refused value with a message fit to show: it names the rule or the accepted forms, never the value.
     * The exception handler reports it under the field's path.
     */
    public static final class InvalidValue extends MismatchedInputException {
        private final Reason reason;

        public InvalidValue(JsonParser parser, Reason reason, String message, Class<?> targetType) {
            super(parser, message, targetType);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    @Bean
    JsonMapperBuilderCustomizer strictRequestTypes() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    SimpleModule requestTextModule() {
        SimpleModule module = new SimpleModule("patron-request-text");
        module.addDeserializer(String.class, new TextDeserializer());
        module.addDeserializer(JsonNode.class, new CheckedTreeDeserializer());
        return module;
    }

    /** The name of the field being read: the property itself, or for an array element the array's property. */
    static String fieldName(JsonParser p) {
        for (TokenStreamContext context = p.streamReadContext(); context != null; context = context.getParent()) {
            String name = context.currentName();
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    static final class TextDeserializer extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            String text = switch (token) {
                case VALUE_STRING -> p.getString();
                // PHP clients send ids and codes as ints; the decimal text is what they mean.
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue() instanceof java.math.BigDecimal d
                        ? d.toPlainString() : p.getString();
                default -> throw new InvalidValue(p, Reason.INVALID_VALUE_FORMAT, "Expected a string", String.class);
            };
            String name = fieldName(p);
            if (PhoneNumbers.isPhoneField(name)) {
                text = PhoneNumbers.normalize(text);
            }
            Optional<String> problem = TextLimits.problem(name, text);
            if (problem.isPresent()) {
                throw new InvalidValue(p, Reason.INVALID_VALUE_FORMAT, problem.get(), String.class);
            }
            return text;
        }

        @Override
        public String getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** Free-form JSON values (property values): every text inside is checked under the field's name. */
    static final class CheckedTreeDeserializer extends ValueDeserializer<JsonNode> {
        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) {
            String name = fieldName(p);
            JsonNode tree = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
            if (name != null) {
                check(p, name, tree);
            }
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return ctxt.getNodeFactory().nullNode();
        }

        private static void check(JsonParser p, String name, JsonNode node) {
            if (node.isString()) {
                TextLimits.problem(name, node.asString()).ifPresent(problem -> {
                    throw new InvalidValue(p, Reason.INVALID_VALUE_FORMAT, problem, JsonNode.class);
                });
            } else if (node.isContainer()) {
                if (node.isObject()) {
                    for (Map.Entry<String, JsonNode> entry : node.properties()) {
                        TextLimits.problem(entry.getKey(), entry.getKey()).ifPresent(problem -> {
                            throw new InvalidValue(p, Reason.INVALID_VALUE_FORMAT, problem, JsonNode.class);
                        });
                        check(p, name, entry.getValue());
                    }
                } else {
                    for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); ) {
                        check(p, name, it.next());
                    }
                }
            }
        }
    }
}
