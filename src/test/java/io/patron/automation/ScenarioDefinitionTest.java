package io.patron.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.patron.property.PropertyService;
import io.patron.support.Api;

/** Reading scenario definitions and comparing condition values (no database needed). */
class ScenarioDefinitionTest {

    private static JsonNode json(String text) {
        return Api.JSON.readTree(text);
    }

    @Test
    void triggersOfEveryKindAreRead() {
        Scenario cart = Scenario.parse("c", "Cart", json("""
                {"trigger": {"event_type": "cart_updated",
                             "unless": {"event_types": ["purchase.sent"], "within_minutes": 60}},
                 "conditions": [{"consent": "agreement_marketing_communication"},
                                {"event_property": "cart_value", "op": "gte", "value": 100}],
                 "steps": [{"kind": "send_email"}]}"""));
        assertThat(cart.trigger().kind()).isEqualTo(Scenario.ABSENCE);
        assertThat(cart.trigger().within()).isEqualTo(Duration.ofMinutes(60));
        assertThat(cart.conditions()).hasSize(2);
        Scenario birthday = Scenario.parse("b", "B", json("""
                {"trigger": {"schedule": "birthday", "at": "09:30"}, "steps": [{"kind": "wait", "days": 1}]}"""));
        assertThat(birthday.trigger().kind()).isEqualTo(Scenario.SCHEDULE);
        assertThat(birthday.trigger().at()).isEqualTo(LocalTime.of(9, 30));
        assertThat(Scenario.parse("w", "W", json("""
                {"trigger": {"event_type": "customer.created"}, "steps": [{"kind": "send_email"}]}""")).trigger().kind())
                .isEqualTo(Scenario.EVENT);
    }

    @Test
    void aBrokenDefinitionIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Scenario.parse("x", "X", json("{\"steps\": [{\"kind\": \"wait\"}]}")))
                .hasMessageContaining("trigger is required");
        assertThatThrownBy(() -> Scenario.parse("x", "X", json("""
                {"trigger": {"schedule": "weekly"}, "steps": [{"kind": "wait"}]}"""))).hasMessageContaining("birthday");
        assertThatThrownBy(() -> Scenario.parse("x", "X", json("""
                {"trigger": {"event_type": "a"}, "steps": []}"""))).hasMessageContaining("steps are required");
        assertThatThrownBy(() -> Scenario.parse("x", "X", json("""
                {"trigger": {"event_type": "a"}, "conditions": [{"event_property": "p", "op": "like", "value": 1}],
                 "steps": [{"kind": "wait"}]}"""))).hasMessageContaining("op must be one of");
        assertThatThrownBy(() -> Scenario.parse("x", "X", json("""
                {"trigger": {"event_type": "a", "unless": {"event_types": ["b"]}}, "steps": [{"kind": "wait"}]}""")))
                .hasMessageContaining("within_minutes");
    }

    @Test
    void valuesCompareAsNumbersTextsOrItems() {
        assertThat(ScenarioConditions.compare(new BigDecimal("149.90"), "gte", json("100"))).isTrue();
        assertThat(ScenarioConditions.compare(new BigDecimal("99.9"), "gte", json("100"))).isFalse();
        assertThat(ScenarioConditions.compare(3L, "eq", json("\"3.0\""))).isTrue();
        assertThat(ScenarioConditions.compare("Praha", "eq", json("\"Praha\""))).isTrue();
        assertThat(ScenarioConditions.compare("Praha", "ne", json("\"Brno\""))).isTrue();
        assertThat(ScenarioConditions.compare("Praha 2", "contains", json("\"praha\""))).isTrue();
        assertThat(ScenarioConditions.compare(null, "eq", json("1"))).isFalse();
        assertThat(ScenarioConditions.compare(null, "ne", json("1"))).isTrue();
        assertThat(ScenarioConditions.compare(null, "exists", null)).isFalse();
        assertThat(ScenarioConditions.compare("x", "exists", null)).isTrue();
        List<PropertyService.PropertyItem> items = List.of(new PropertyService.PropertyItem("id-web", "Web", null, 1));
        assertThat(ScenarioConditions.compare(items, "eq", json("\"Web\""))).isTrue();
        assertThat(ScenarioConditions.compare(items, "contains", json("\"id-web\""))).isTrue();
        assertThat(ScenarioConditions.compare(items, "ne", json("\"App\""))).isTrue();
    }

    @Test
    void backoffDoublesUpToItsLimit() {
        Duration first = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(3);
        assertThat(AutomationProperties.backoff(first, max, 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AutomationProperties.backoff(first, max, 3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(AutomationProperties.backoff(first, max, 10)).isEqualTo(max);
    }
}
