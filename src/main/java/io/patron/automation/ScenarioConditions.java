package io.patron.automation;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import io.patron.api.Language;
import io.patron.api.Languages;
import io.patron.customer.CustomerActionService;
import io.patron.customer.CustomerProfiles;
import io.patron.engagement.MessageService;
import io.patron.property.PropertyService;
import io.patron.segment.SegmentService;
import io.patron.tier.CustomerStatuses;

/**
 * Whether a customer meets a scenario's conditions: values of the trigger event's properties, of customer fields
 * and customer properties, compared as numbers when both sides are numbers (else as texts; an enum or multiselect
 * value matches by any of its items' ids or names), consents given (value 1), consent to a communication channel
 * (as a message to it would be sent: the marketing consent or one covering the channel), membership of a segment and
 * the current status ({@code op} eq, or ne for "not").
 */
@Component
class ScenarioConditions {

    private final CustomerProfiles profiles;
    private final CustomerActionService consents;
    private final PropertyService properties;
    private final Languages languages;
    private final SegmentService segments;
    private final CustomerStatuses statuses;
    private final MessageService messages;

    ScenarioConditions(CustomerProfiles profiles, CustomerActionService consents, PropertyService properties,
                       Languages languages, SegmentService segments, CustomerStatuses statuses,
                       MessageService messages) {
        this.messages = messages;
        this.segments = segments;
        this.statuses = statuses;
        this.profiles = profiles;
        this.consents = consents;
        this.properties = properties;
        this.languages = languages;
    }

    boolean hold(Scenario scenario, String customerId, AutomationStep.TriggerEvent event) {
        CustomerProfiles.Profile profile = null;
        Map<String, Object> customerProperties = null;
        for (Scenario.Condition c : scenario.conditions()) {
            Object actual;
            if (c.consent() != null) {
                if (consents.consent(customerId, c.consent()).map(v -> v.value() == 1).orElse(false)) {
                    continue;
                }
                return false;
            } else if (c.consentChannel() != null) {
                if (messages.consentedTo(customerId, c.consentChannel())) {
                    continue;
                }
                return false;
            } else if (c.segment() != null || c.status() != null) {
                boolean is = c.segment() != null ? segments.isMember(c.segment(), customerId)
                        : statuses.current(customerId).map(s -> s.statusId().equals(c.status())
                                || c.status().equals(s.textId())).orElse(false);
                if (is == c.op().equals("eq")) {
                    continue;
                }
                return false;
            } else if (c.eventProperty() != null) {
                actual = event == null ? null : event.properties().get(c.eventProperty());
            } else if (c.customerField() != null) {
                if (profile == null) {
                    profile = profiles.profile(customerId).orElse(null);
                    if (profile == null) {
                        return false;
                    }
                }
                actual = profile.fields().get(c.customerField());
            } else {
                if (customerProperties == null) {
                    String language = languages.defaultLanguage();
                    customerProperties = new java.util.HashMap<>();
                    for (PropertyService.PropertyRecord r : properties.recordsOf("customer", List.of(customerId),
                            new Language(language, language)).getOrDefault(customerId, List.of())) {
                        customerProperties.put(r.propertyId(), r.propertyValue());
                    }
                }
                actual = customerProperties.get(c.customerProperty());
            }
            if (!compare(actual, c.op(), c.value())) {
                return false;
            }
        }
        return true;
    }

    static boolean compare(Object actual, String op, JsonNode expected) {
        if (op.equals("exists")) {
            return actual != null;
        }
        if (actual == null) {
            return op.equals("ne");
        }
        String wanted = expected.isString() ? expected.asString() : expected.toString();
        if (actual instanceof Collection<?> items) {
            boolean any = items.stream().anyMatch(item -> matches(item, wanted));
            return switch (op) {
                case "eq", "contains" -> any;
                case "ne" -> !any;
                default -> false;
            };
        }
        String text = actual.toString();
        BigDecimal left = number(text);
        BigDecimal right = number(wanted);
        if (left != null && right != null) {
            int order = left.compareTo(right);
            return switch (op) {
                case "eq" -> order == 0;
                case "ne" -> order != 0;
                case "gt" -> order > 0;
                case "gte" -> order >= 0;
                case "lt" -> order < 0;
                case "lte" -> order <= 0;
                case "contains" -> text.contains(wanted);
                default -> false;
            };
        }
        int order = text.compareTo(wanted);
        return switch (op) {
            case "eq" -> text.equals(wanted);
            case "ne" -> !text.equals(wanted);
            case "gt" -> order > 0;
            case "gte" -> order >= 0;
            case "lt" -> order < 0;
            case "lte" -> order <= 0;
            case "contains" -> text.toLowerCase(java.util.Locale.ROOT).contains(wanted.toLowerCase(java.util.Locale.ROOT));
            default -> false;
        };
    }

    private static boolean matches(Object item, String wanted) {
        if (item instanceof PropertyService.PropertyItem p) {
            return wanted.equals(p.id()) || wanted.equalsIgnoreCase(p.name());
        }
        return Objects.toString(item).equals(wanted);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
