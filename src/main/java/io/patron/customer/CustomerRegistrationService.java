package io.patron.customer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;

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
    private final ReferralCodes referrals;
    private final LookupQueries lookups;

    CustomerRegistrationService(CustomerRepository customers, ReferralCodes referrals, LookupQueries lookups) {
        this.customers = customers;
        this.referrals = referrals;
        this.lookups = lookups;
    }

    /** {@code validate-customer-data}. */
    public boolean isValid(String type, String value) {
        return switch (type) {
            case "password" -> strongPassword(value);
            case "referral_code" -> referral(value, null, null).refusal() == null;
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

    /** A referral code checked for a registration: the referral when it may be used, else why not. */
    record ReferralCheck(ReferralCodes.Referral referral, InvalidParam refusal) {
    }

    /**
     * Whether a registration may use the referral code: an existing code whose code and campaign are active and
     * valid now, held by an active customer, whose campaign's relation type is active; and not the registrant's own
     * (the caller is a Customer API token of the holder, or the registrant gives the holder's phone number).
     * {@code caller} and {@code phone} are null for validate-customer-data.
     */
    ReferralCheck referral(String code, Caller caller, String phone) {
        Optional<ReferralCodes.Referral> found = code == null || code.isBlank() ? Optional.empty()
                : referrals.find(code);
        if (found.isEmpty()) {
            return refused(Reason.NOT_FOUND, code, "No referral code like this");
        }
        ReferralCodes.Referral referral = found.get();
        if (!referral.usable() || !customers.exists(referral.holderId())
                || !lookups.isActive(LookupKind.CUSTOMER_RELATION_TYPES, referral.relationTypeId())) {
            return refused(Reason.NOT_ALLOWED_VALUE, code,
                    "The referral code has expired or was deactivated, or its campaign is not running");
        }
        boolean ownToken = caller instanceof Caller.CustomerToken token
                && referral.holderId().equals(token.customerId());
        boolean ownPhone = phone != null && customers.phone(referral.holderId()).filter(phone::equals).isPresent();
        if (ownToken || ownPhone) {
            return refused(Reason.NOT_ALLOWED_VALUE, code, "A customer cannot be referred by their own code");
        }
        return new ReferralCheck(referral, null);
    }

    private static ReferralCheck refused(Reason reason, String code, String detail) {
        return new ReferralCheck(null, InvalidParam.of("referral_code", reason, code, detail));
    }

    private static ApiError notAllowed(String type, String allowed) {
        return ApiError.badRequest(List.of(InvalidParam.of("type", Reason.NOT_ALLOWED_VALUE, type,
                "type must be " + allowed)));
    }
}
