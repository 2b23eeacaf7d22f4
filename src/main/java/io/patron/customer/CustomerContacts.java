package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;

import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other capabilities need to reach a customer (messages, one-time passwords): names for a greeting, the email
 * and phone, the language, and the consents given.
 */
@Service
@Transactional(readOnly = true)
public class CustomerContacts {

    /** A customer's contact data; {@code consents} maps consent ids to 0 no, 1 yes, 2 not set. */
    public record Contact(String customerId, String salutation, String firstName, String lastName, String email,
                          String phone, String languageId, Map<String, Integer> consents) {

        /** Whether the customer said yes to this consent. */
        public boolean agreed(String consentId) {
            return Integer.valueOf(1).equals(consents.get(consentId));
        }
    }

    /** The standard consent to marketing communication, which covers every channel. */
    public static final String MARKETING_CONSENT = CustomerActionService.MARKETING;

    private final DSLContext dsl;
    private final CustomerActionRepository actions;

    CustomerContacts(DSLContext dsl, CustomerActionRepository actions) {
        this.dsl = dsl;
        this.actions = actions;
    }

    /** The contact of an existing (not deleted) customer. */
    public Optional<Contact> contact(String customerId) {
        return dsl.select(CUSTOMER.ID, CUSTOMER.SALUTATION, CUSTOMER.FIRST_NAME, CUSTOMER.LAST_NAME, CUSTOMER.EMAIL,
                        CUSTOMER.PHONE, CUSTOMER.LANGUAGE_ID)
                .from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).and(CUSTOMER.STATE.ne(0))
                .fetchOptional(r -> new Contact(r.get(CUSTOMER.ID), r.get(CUSTOMER.SALUTATION),
                        r.get(CUSTOMER.FIRST_NAME), r.get(CUSTOMER.LAST_NAME), r.get(CUSTOMER.EMAIL),
                        r.get(CUSTOMER.PHONE), r.get(CUSTOMER.LANGUAGE_ID), actions.consents(customerId)));
    }

    /** The customer whose email (compared in lower case) or phone is this contact, if exactly one has it. */
    public Optional<String> customerOfContact(String contact) {
        String value = contact.trim();
        if (value.contains("@")) {
            return dsl.select(CUSTOMER.ID).from(CUSTOMER)
                    .where(CUSTOMER.EMAIL.eq(value.toLowerCase(java.util.Locale.ROOT))).and(CUSTOMER.STATE.ne(0))
                    .limit(1).fetchOptional(CUSTOMER.ID);
        }
        return dsl.select(CUSTOMER.ID).from(CUSTOMER)
                .where(CUSTOMER.PHONE.eq(io.patron.api.PhoneNumbers.normalize(value))).and(CUSTOMER.STATE.ne(0))
                .limit(1).fetchOptional(CUSTOMER.ID);
    }
}
