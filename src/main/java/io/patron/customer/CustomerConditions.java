package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;
import static io.patron.db.Tables.CUSTOMER_CONSENT;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import io.patron.property.PropertyService;

/**
 * Conditions over the whole customer set, for capabilities that select customers in SQL (segments): every condition
 * built here is about the customer row of {@link #idsWhere}, so a rule over a million customers stays one query and
 * never a loop over customers.
 */
@Component
public class CustomerConditions {

    /** The customer fields a condition may test, by their API names. */
    private static final Map<String, Field<?>> FIELDS = Map.ofEntries(
            Map.entry("first_name", CUSTOMER.FIRST_NAME),
            Map.entry("last_name", CUSTOMER.LAST_NAME),
            Map.entry("email", CUSTOMER.EMAIL),
            Map.entry("phone", CUSTOMER.PHONE),
            Map.entry("gender", CUSTOMER.GENDER),
            Map.entry("birthdate", CUSTOMER.BIRTHDATE),
            Map.entry("language_id", CUSTOMER.LANGUAGE_ID),
            Map.entry("store_id", CUSTOMER.STORE_ID),
            Map.entry("city", CUSTOMER.CITY),
            Map.entry("zip", CUSTOMER.ZIP),
            Map.entry("country_code", CUSTOMER.COUNTRY_CODE),
            Map.entry("state", CUSTOMER.STATE));

    private final DSLContext dsl;
    private final PropertyService properties;
    private final CustomerRepository repository;

    CustomerConditions(DSLContext dsl, PropertyService properties, CustomerRepository repository) {
        this.dsl = dsl;
        this.properties = properties;
        this.repository = repository;
    }

    /** The ids of the customers meeting the condition, which gets the customer id column to correlate with. */
    public Select<Record1<String>> idsWhere(Function<Field<String>, Condition> condition) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER).where(condition.apply(CUSTOMER.ID));
    }

    /**
     * As {@link #idsWhere}, each id beside a constant label: branches of a {@code UNION ALL} that answers several
     * conditions in one statement tell their rows apart by it.
     */
    public Select<Record2<String, String>> labelledIdsWhere(String label, Function<Field<String>, Condition> condition) {
        return dsl.select(DSL.inline(label), CUSTOMER.ID).from(CUSTOMER).where(condition.apply(CUSTOMER.ID));
    }

    /**
     * The customer exists (and is not deleted), as {@link CustomerService#exists} answers it: for a capability that
     * folds the check into a query of its own (one round trip fewer).
     */
    public Condition exists(String customerId) {
        return DSL.exists(DSL.selectOne().from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).and(CUSTOMER.STATE.ne(0)));
    }

    /**
     * Locks the customers' rows, in id order, until the transaction ends: whoever evaluates something about them
     * takes turns with every other evaluation and write of the same customers, and never with others.
     */
    public void lock(java.util.Collection<String> customerIds) {
        repository.lockAll(customerIds);
    }

    public static Set<String> fields() {
        return FIELDS.keySet();
    }

    /**
     * The field holds one of the values (texts as the API writes them: {@code 2} for a gender, {@code 1990-05-01}
     * for a birthdate).
     *
     * @throws IllegalArgumentException for an unknown field or a value that is not of the field's type
     */
    public Condition fieldIn(String field, List<String> values) {
        @SuppressWarnings("unchecked")
        Field<Object> column = (Field<Object>) column(field);
        List<Object> typed = new ArrayList<>();
        for (String value : values) {
            try {
                typed.add(column.getDataType().convert(value));
            } catch (DataTypeException | IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value + "' is not a value of the customer field " + field);
            }
        }
        return column.in(typed);
    }

    /** The field has a value (or, with {@code present} false, has none). */
    public Condition fieldPresent(String field, boolean present) {
        Field<?> column = column(field);
        return present ? column.isNotNull() : column.isNull();
    }

    /** The account was created at or after the time. */
    public Condition createdSince(OffsetDateTime since) {
        return CUSTOMER.CREATED_AT.ge(since);
    }

    /** The customer's value of the consent is {@code value} (0 withdrawn, 1 given, 2 or no record: not set). */
    public Condition consent(Field<String> customerId, String consentId, int value) {
        Condition recorded = DSL.exists(DSL.selectOne().from(CUSTOMER_CONSENT)
                .where(CUSTOMER_CONSENT.CUSTOMER_ID.eq(customerId)).and(CUSTOMER_CONSENT.CONSENT_ID.eq(consentId))
                .and(CUSTOMER_CONSENT.CONSENT_VALUE.eq(value)));
        if (value != 2) {
            return recorded;
        }
        return recorded.or(DSL.notExists(DSL.selectOne().from(CUSTOMER_CONSENT)
                .where(CUSTOMER_CONSENT.CUSTOMER_ID.eq(customerId)).and(CUSTOMER_CONSENT.CONSENT_ID.eq(consentId))));
    }

    /** The customer's custom property has the value (compared as the customer list's property filter does). */
    public Condition property(Field<String> customerId, String propertyId, String value) {
        return properties.ownerHasValue(CustomerService.PROPERTY_KIND, customerId, propertyId, value);
    }

    private static Field<?> column(String field) {
        Field<?> column = FIELDS.get(field);
        if (column == null) {
            throw new IllegalArgumentException("Unknown customer field '" + field + "'; one of " + FIELDS.keySet());
        }
        return column;
    }
}
