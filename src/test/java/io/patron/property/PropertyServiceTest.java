package io.patron.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.support.ApiTest;

/** Typed property records, through the service every owner kind uses. */
class PropertyServiceTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Language EN = new Language("en", "en");
    private static final Language CS = new Language("cs", "en");

    @Autowired
    PropertyService properties;
    @Autowired
    DSLContext dsl;

    @BeforeEach
    void definitions() {
        importProject("test-properties.yaml");
    }

    private static PropertyService.PropertyRecordInput input(String property, String json) {
        return new PropertyService.PropertyRecordInput(property, json == null ? null : JSON.readTree(json));
    }

    private static ListParams params() {
        return ListParams.from(new MockHttpServletRequest());
    }

    private Object stored(String owner, String property) {
        return properties.records("gadget", owner, params(), EN).items().stream()
                .filter(r -> r.propertyId().equals(property)).findFirst().orElseThrow().propertyValue();
    }

    @Test
    void valuesAreStoredInTheFormOfTheirDataType() {
        properties.add("gadget", "g1", input("note", "\"fragile\""));
        properties.add("gadget", "g1", input("visits", "42"));
        properties.add("gadget", "g1", input("spend", "149.90"));
        properties.add("gadget", "g1", input("vip", "true"));
        properties.add("gadget", "g1", input("since", "\"2024-02-29\""));
        properties.add("gadget", "g1", input("seen_at", "\"2024-03-01T10:15:00\""));
        properties.add("gadget", "g1", input("colour", "[{\"id\": \"" + itemId("colour", "blue") + "\"}]"));
        properties.add("gadget", "g1", input("sports", "[\"" + itemId("sports", "run") + "\", \""
                + itemId("sports", "ski") + "\"]"));
        assertThat(stored("g1", "note")).isEqualTo("fragile");
        assertThat(stored("g1", "visits")).isEqualTo(new BigDecimal("42.0"));
        assertThat(stored("g1", "spend")).isEqualTo(new BigDecimal("149.90"));
        assertThat(stored("g1", "vip")).isEqualTo(true);
        assertThat(stored("g1", "since")).isEqualTo("2024-02-29");
        assertThat(stored("g1", "seen_at")).isEqualTo("2024-03-01 10:15:00");
        assertThat((List<?>) stored("g1", "colour")).singleElement()
                .extracting("name").isEqualTo("Blue");
        assertThat((List<?>) stored("g1", "sports")).hasSize(2);
        assertThat(properties.records("gadget", "g1", params(), CS).items().stream()
                .filter(r -> r.propertyId().equals("colour")).findFirst().orElseThrow().propertyName()).isEqualTo("Barva");
        assertThat(properties.records("gadget", "g2", params(), EN).totalItems()).isZero();
    }

    @Test
    void valuesThatDoNotFitAreRefusedWithTheirReason() {
        assertThat(reasons(input("visits", "4.5"))).containsExactly("property_value:invalid_value_format");
        assertThat(reasons(input("visits", "\"many\""))).containsExactly("property_value:invalid_value_format");
        assertThat(reasons(input("vip", "\"yes\""))).containsExactly("property_value:invalid_value_format");
        assertThat(reasons(input("since", "\"29.2.2024\""))).containsExactly("property_value:invalid_value_format");
        assertThat(reasons(input("since", "\"2023-02-29\""))).containsExactly("property_value:invalid_value_format");
        assertThat(reasons(input("colour", "[\"no-such-item\"]"))).containsExactly("property_value:not_allowed_value");
        assertThat(reasons(input("colour", "[\"" + itemId("colour", "blue") + "\", \"" + itemId("colour", "green")
                + "\"]"))).containsExactly("property_value:not_allowed_value");
        assertThat(reasons(input("unknown", "1"))).containsExactly("property_id:not_found");
        assertThat(reasons(input("retired", "\"x\""))).containsExactly("property_id:not_found");
        assertThat(reasons(input("note", null))).containsExactly("property_value:required");
        assertThat(properties.records("gadget", "g1", params(), EN).totalItems()).isZero();
    }

    @Test
    void uniqueValuesStayUniqueAcrossOwners() {
        properties.add("gadget", "g1", input("serial", "\"SN-1\""));
        assertThatThrownBy(() -> properties.add("gadget", "g2", input("serial", "\"SN-1\"")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.errorData().toString())
                        .contains("already_exists"));
        // The owner itself may keep its value.
        String id = properties.records("gadget", "g1", params(), EN).items().getFirst().propertyRecordId();
        properties.replace("gadget", "g1", id, input("serial", "\"SN-1\""));
    }

    @Test
    void aPropertyIsRecordedOncePerOwner() {
        properties.add("gadget", "g1", input("note", "\"a\""));
        assertThatThrownBy(() -> properties.add("gadget", "g1", input("note", "\"b\"")))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.errorData().toString())
                        .contains("relation_already_exists"));
    }

    @Test
    void recordsAreReplacedAndDeletedOnlyThroughTheirOwner() {
        String id = properties.add("gadget", "g1", input("note", "\"a\""));
        properties.replace("gadget", "g1", id, input("note", "\"b\""));
        assertThat(stored("g1", "note")).isEqualTo("b");
        assertThatThrownBy(() -> properties.delete("gadget", "g2", id)).isInstanceOf(ApiError.class)
                .hasMessageContaining(id);
        properties.delete("gadget", "g1", id);
        assertThat(properties.records("gadget", "g1", params(), EN).totalItems()).isZero();
    }

    @Test
    void batchesCheckManyOwnersAndMergeTheirValues() {
        properties.add("gadget", "g1", input("note", "\"old\""));
        PropertyChecker checker = properties.checker("gadget");
        List<InvalidParam> errors = new ArrayList<>();
        var g1 = checker.check("g1", List.of(input("note", "\"new\""), input("serial", "\"S\"")), "items[0].property_records", errors);
        var g2 = checker.check("g2", List.of(input("serial", "\"S\""), input("visits", "\"x\"")), "items[1].property_records", errors);
        assertThat(errors).extracting(e -> e.name() + ":" + e.reason()).containsExactlyInAnyOrder(
                "items[1].property_records[0].property_value:already_exists",
                "items[1].property_records[1].property_value:invalid_value_format");
        properties.merge("gadget", Map.of("g1", g1, "g2", g2));
        assertThat(stored("g1", "note")).isEqualTo("new");
        assertThat(stored("g1", "serial")).isEqualTo("S");
        assertThat(properties.recordsOf("gadget", List.of("g1", "g2"), EN)).containsOnlyKeys("g1");
    }

    @Test
    void definitionsListWithItemsAndTranslations() {
        var page = properties.definitions("gadget", params(), CS);
        assertThat(page.totalItems()).isEqualTo(10);
        var colour = properties.definition("gadget", "gadget-properties", "colour", CS);
        assertThat(colour.name()).isEqualTo("Barva");
        assertThat(colour.items()).extracting(PropertyService.PropertyItem::name).containsExactly("Modrá", "Zelená");
        assertThatThrownBy(() -> properties.definition("gadget", "gadget-properties", "nope", EN))
                .isInstanceOf(ApiError.class);
    }

    /** The owners among g1..g4 that {@link PropertyService#ownerHasValue} selects, in SQL. */
    private List<String> ownersWith(String property, String value) {
        var owners = DSL.values(DSL.row("g1"), DSL.row("g2"), DSL.row("g3"), DSL.row("g4")).as("o", "id");
        Field<String> id = owners.field("id", String.class);
        return dsl.select(id).from(owners).where(properties.ownerHasValue("gadget", id, property, value))
                .orderBy(id).fetch(id);
    }

    @Test
    void ownersAreFilteredByValueInOneQuery() {
        properties.add("gadget", "g1", input("spend", "149.90"));
        properties.add("gadget", "g2", input("spend", "149.9"));
        properties.add("gadget", "g3", input("spend", "12"));
        // values of other properties are text: the numeric comparison must not read them as numbers
        properties.add("gadget", "g4", input("note", "\"fragile\""));
        properties.add("gadget", "g1", input("note", "\"149.9\""));
        properties.add("gadget", "g2", input("visits", "42"));
        properties.add("gadget", "g3", input("colour", "\"" + itemId("colour", "blue") + "\""));

        assertThat(ownersWith("spend", "149.9")).containsExactly("g1", "g2");
        assertThat(ownersWith("spend", "149.900")).containsExactly("g1", "g2");
        assertThat(ownersWith("spend", "12.0")).containsExactly("g3");
        assertThat(ownersWith("spend", "13")).isEmpty();
        assertThat(ownersWith("spend", "lots")).isEmpty();
        assertThat(ownersWith("visits", "42")).containsExactly("g2");
        assertThat(ownersWith("note", "fragile")).containsExactly("g4");
        assertThat(ownersWith("colour", itemId("colour", "blue"))).containsExactly("g3");
        assertThat(ownersWith("no_such_property", "1")).isEmpty();
    }

    @Test
    void anOwnersRecordsAreDeletedWithIt() {
        properties.add("gadget", "g1", input("note", "\"a\""));
        properties.add("gadget", "g1", input("visits", "1"));
        properties.add("gadget", "g2", input("note", "\"b\""));
        assertThat(properties.deleteAllOf("gadget", "g1")).isEqualTo(2);
        assertThat(properties.records("gadget", "g1", params(), EN).totalItems()).isZero();
        assertThat(stored("g2", "note")).isEqualTo("b");
    }

    private String itemId(String property, String textId) {
        return io.patron.common.Ids.stable("property_item", "gadget:" + property + ":" + textId);
    }

    private List<String> reasons(PropertyService.PropertyRecordInput input) {
        try {
            properties.add("gadget", "g1", input);
            return List.of();
        } catch (ApiError e) {
            List<String> out = new ArrayList<>();
            for (Object p : (List<?>) e.errorData().get("invalid_params")) {
                InvalidParam param = (InvalidParam) p;
                out.add(param.name() + ":" + param.reason());
            }
            return out;
        }
    }

}
