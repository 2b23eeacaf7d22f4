package io.patron.customer;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;

/**
 * Checks an app makes before it submits a registration form: whether a password or referral code
 * would be accepted, and whether an email or phone may still be used for a new customer.
 */
@Service
@Transactional(readOnly = true)
public class CustomerRegistrationService {

    /** The password strength rule: 8 to 200 characters with at least one letter and one digit. */
    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 200;

    private static final Pattern EMAIL = Pattern.compile(CustomerBodies.EMAIL);
    private static final Pattern PHONE = Pattern.compile("^[1-9][0-9]*$");

    private final CustomerRepository customers;

    CustomerRegistrationService(CustomerRepository customers) {
        this.customers = customers;
    }

    /** {@code validate-customer-data}. */
    public boolean isValid(String type, String value) {
        return switch (type) {
            case "password" -> strongPassword(value);
            // Patron has no referral campaigns yet, so no referral code is an existing, active one.
            case "referral_code" -> false;
            default -> throw notAllowed(type, "password or referral_code");
        };
    }

    static boolean strongPassword(String password) {
        return password.length() >= PASSWORD_MIN && password.length() <= PASSWORD_MAX
                && password.codePoints().anyMatch(Character::isLetter)
                && password.codePoints().anyMatch(Character::isDigit);
    }

    /** {@code check-registration-ability}. */
    public boolean canRegister(String type, String value) {
        return switch (type) {
            case "email" -> {
                String key = value.trim().toLowerCase(Locale.ROOT);
                yield EMAIL.matcher(key).matches() && customers.idByEmail(key).isEmpty();
            }
            // Phone numbers are not unique in Patron: any well-formed phone may be registered again.
            case "phone" -> PHONE.matcher(io.patron.api.PhoneNumbers.normalize(value.trim())).matches();
            default -> throw notAllowed(type, "email or phone");
        };
    }

    private static ApiError notAllowed(String type, String allowed) {
        return ApiError.badRequest(List.of(InvalidParam.of("type", Reason.NOT_ALLOWED_VALUE, type,
                "type must be " + allowed)));
    }
}
