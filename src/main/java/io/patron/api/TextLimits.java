package io.patron.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that says how long a text value of the API may be and which characters it may hold,
 * for body fields, query parameters and path ids alike. The contract gives no {@code maxLength}, so each
 * limit is the column the value is stored in (named here where a field needs its own) or the default of
 * its kind of field; a test compares these limits with every column of the schema, so a value that passes
 * here always fits its column. Lengths count UTF-16 units, never fewer than the database's characters.
 */
public final class TextLimits {

    /** Ids Patron hands out are 32 characters; external application ids and similar keys up to 64. */
    public static final int ID = 64;
    public static final int NAME = 200;
    public static final int URL = 1000;
    public static final int TOKEN = 1000;
    public static final int DESCRIPTION = 4000;
    /** Any other text: free-form values without a column of their own (notes, search texts, codes). */
    public static final int DEFAULT = 1000;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            // keys clients choose for their own records
            Map.entry("external_id", 200),
            Map.entry("device_id", 200),
            Map.entry("device_system", 200),
            Map.entry("device_name", 200),
            Map.entry("device_type", 200),
            Map.entry("text_id", 100),
            Map.entry("property_id", 100),
            Map.entry("consent_id", 100),
            Map.entry("store_code", 100),
            Map.entry("system_id", 100),
            Map.entry("registration_id", 50),
            Map.entry("vat_id", 50),
            Map.entry("language_id", 8),
            Map.entry("country_code", 2),
            // ids stored as given where no reference check has run yet
            Map.entry("store_id", 32),
            Map.entry("customer_id", 32),
            Map.entry("interest_id", 32),
            Map.entry("address_type_id", 32),
            Map.entry("relation_type_id", 32),
            Map.entry("card_type_id", 32),
            Map.entry("card_id", 32),
            Map.entry("partner_id", 32),
            // people and contacts
            Map.entry("salutation", 200),
            Map.entry("first_name", 200),
            Map.entry("last_name", 200),
            Map.entry("pre_nominals", 100),
            Map.entry("post_nominals", 100),
            Map.entry("email", 320),
            Map.entry("contact_email", 255),
            Map.entry("manager_name", 255),
            Map.entry("login", 200),
            Map.entry("password", 200),
            Map.entry("phone", 30),
            Map.entry("phone_number", 30),
            Map.entry("contact", 320),
            // addresses: the narrower of the customer (300) and store (255) columns
            Map.entry("address1", 255), Map.entry("address2", 255), Map.entry("address3", 255),
            Map.entry("address4", 255), Map.entry("address5", 255), Map.entry("address6", 255),
            Map.entry("address7", 255),
            Map.entry("zip", 20),
            Map.entry("city", 200),
            // cards, catalogue, stores
            Map.entry("card_number", 100),
            Map.entry("secondary_card_number", 100),
            Map.entry("prefix", 50),
            Map.entry("name", 255),
            Map.entry("code", 200),
            Map.entry("list_code", 100),
            Map.entry("url_address", 1000),
            Map.entry("short_description", 1000),
            // a unique property's text value is its unique key
            Map.entry("property_value", 1000),
            // base64 of a customer photo (at most 2 MB decoded), MIME line breaks allowed; never stored as text
            Map.entry("data", 3_000_000),
            // verified, never stored: an ID token of a social network may be long
            Map.entry("social_network_token", 8000),
            Map.entry("subject", 255),
            // base64 of a message attachment (at most 1 MB decoded), MIME line breaks allowed
            Map.entry("file_data", 1_500_000));

    private TextLimits() {
    }

    /** The longest value a field or parameter of this name (snake_case, without {@code []}) may have. */
    public static int limit(String name) {
        if (name == null || name.isEmpty()) {
            return DEFAULT;
        }
        String key = name.toLowerCase(Locale.ROOT);
        Integer named = BY_NAME.get(key);
        if (named != null) {
            return named;
        }
        if (key.equals("id") || key.endsWith("_id") || key.endsWith("_ids")) {
            return ID;
        }
        if (key.endsWith("_name")) {
            return NAME;
        }
        if (key.endsWith("url") || key.endsWith("_urls")) {
            return URL;
        }
        if (key.endsWith("token")) {
            return TOKEN;
        }
        if (key.endsWith("description") || key.equals("text")) {
            return DESCRIPTION;
        }
        return DEFAULT;
    }

    /**
     * Why this value of the named field cannot be accepted, or empty when it can: too long for its limit,
     * or holding a character PostgreSQL cannot store (NUL) or UTF-8 cannot encode (a lone surrogate).
     * The message names the rule, never the value.
     */
    public static Optional<String> problem(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        int limit = limit(name);
        if (value.length() > limit) {
            return Optional.of("Longer than " + limit + " characters");
        }
        return unstorable(value);
    }

    /** A NUL or a lone surrogate; used where no length limit applies (the whole text is checked elsewhere). */
    public static Optional<String> unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return Optional.of("Contains a NUL character (\\u0000), which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("Contains an unpaired UTF-16 surrogate, which is not a character");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("Contains an unpaired UTF-16 surrogate, which is not a character");
            }
        }
        return Optional.empty();
    }

    /** The refusal of a value that failed {@link #problem}, naming the field. */
    public static InvalidParam refusal(String name, String problem) {
        return InvalidParam.of(name, Reason.INVALID_VALUE_FORMAT, problem);
    }
}
