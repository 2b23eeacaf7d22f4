package io.patron.api;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phone numbers as clients write them ({@code +420 745 924 375}, {@code +420-745-924-375}) become the
 * contract's digits-only form ({@code 420745924375}) before they are checked, stored or searched. Only a
 * value that is a phone number once written so is changed: anything else is left as sent, so the field's
 * own check refuses it.
 */
public final class PhoneNumbers {

    /** Body fields and query parameters holding a phone number. */
    private static final Set<String> FIELDS = Set.of("phone", "phone_number");
    /** An optional leading +, then digits with spaces, dashes, dots or parentheses between them. */
    private static final Pattern WRITTEN = Pattern.compile("^\\+?[0-9 .()\\-]*[0-9][0-9 .()\\-]*$");

    private PhoneNumbers() {
    }

    public static boolean isPhoneField(String name) {
        return name != null && FIELDS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The digits of a written phone number; any other text unchanged. */
    public static String normalize(String value) {
        if (value == null || value.length() > 64 || !WRITTEN.matcher(value.strip()).matches()) {
            return value;
        }
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
