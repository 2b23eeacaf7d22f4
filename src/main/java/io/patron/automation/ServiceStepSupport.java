package io.patron.automation;

import java.math.BigDecimal;
import java.util.function.Supplier;

import io.patron.api.ApiError;
import tools.jackson.databind.JsonNode;

/**
 * What the steps that call another capability's service share: reading their settings, and turning that service's
 * refusal (a 400 or 404 an API client would get) into a failure no retry can fix.
 */
final class ServiceStepSupport {

    private ServiceStepSupport() {
    }

    /** Runs the service call; its refusal fails the step for good, naming the parameters the service named. */
    static <T> T refusalIsPermanent(String kind, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiError e) {
            if (e.status().is5xxServerError()) {
                throw e;
            }
            Object params = e.errorData() == null ? null : e.errorData().get("invalid_params");
            throw new AutomationStep.PermanentFailure(kind + " refused: " + e.detail()
                    + (params == null ? "" : " " + params));
        }
    }

    /** A required text setting; IllegalArgumentException naming it when missing. */
    static String requiredText(String kind, JsonNode settings, String field) {
        JsonNode value = settings.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException(kind + ": " + field + " is required (a text)");
        }
        return value.asString();
    }

    /** An optional text setting, null when absent. */
    static String optionalText(JsonNode settings, String field) {
        JsonNode value = settings.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** A required positive number setting. */
    static BigDecimal requiredPositive(String kind, JsonNode settings, String field) {
        JsonNode value = settings.get(field);
        if (value == null || !value.isNumber() || value.decimalValue().signum() <= 0) {
            throw new IllegalArgumentException(kind + ": " + field + " is required (a number greater than zero)");
        }
        return value.decimalValue();
    }
}
