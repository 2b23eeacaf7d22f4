package io.patron.card;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.Reason;

/** The default card adapters when no external service is configured. */
final class UnconfiguredCardServices {

    private UnconfiguredCardServices() {
    }

    /** ISIC/ITIC/IYTC numbers: a card-kind letter, 12 digits (country and serial) and a check letter. */
    static final Pattern ISIC_NUMBER = Pattern.compile("^[A-Z][0-9]{12}[A-Z]$");

    static String normalizedIsic(String number) {
        return number.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** A malformed number is not a valid ISIC card; a well-formed one needs the ISIC service. */
    @Component
    static class FormatOnlyIsicVerifier implements IsicVerifier {
        @Override
        public boolean isValid(String cardNumber, String lastName) {
            if (!ISIC_NUMBER.matcher(normalizedIsic(cardNumber)).matches()) {
                return false;
            }
            throw ApiError.badRequest("body", Reason.NOT_ALLOWED_VALUE, "The card number is a well-formed ISIC "
                    + "number, but no ISIC verification service is configured, so its validity cannot be checked");
        }
    }

    @Component
    static class NoPassMachine implements PassMachine {
        @Override
        public String cardUrl(String customerId, String cardNumber, String templateId) {
            throw ApiError.badRequest("body", Reason.NOT_ALLOWED_VALUE,
                    "No PassMachine service is configured, so no PassMachine card can be generated");
        }
    }
}
