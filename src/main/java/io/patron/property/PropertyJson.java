package io.patron.property;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How property values are stored (canonical JSON text) and read back as the API shows them. */
final class PropertyJson {

    /** Floats are read as BigDecimal: a stored 149.90 comes back as 149.90. */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private PropertyJson() {
    }

    static String write(Object canonical) {
        return JSON.writeValueAsString(canonical);
    }

    /** A stored value as the API shows it; items of enum and multiselect values become their item objects. */
    static Object read(PropertyType type, String json, Map<String, PropertyService.PropertyItem> items) {
        JsonNode node = JSON.readTree(json);
        return switch (type) {
            case BOOLEAN -> node.asBoolean();
            // The contract's property_value is oneOf string/number/integer/...: a bare whole number would
            // match both number and integer, so whole numbers are written with one decimal place (42.0).
            case INTEGER -> BigDecimal.valueOf(node.asLong()).setScale(1);
            case FLOAT -> node.decimalValue().scale() <= 0 ? node.decimalValue().setScale(1) : node.decimalValue();
            case ENUM, MULTISELECT -> node.valueStream().map(id -> items.get(id.asString()))
                    .filter(Objects::nonNull).toList();
            default -> node.asString();
        };
    }
}
