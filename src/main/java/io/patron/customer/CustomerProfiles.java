package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.PhoneNumbers;

/**
 * What other capabilities (marketing automation) read of customers without an API request: who an identifier
 * names, a customer's fields for conditions and message templates, and whose birthday is on a day.
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class CustomerProfiles {

    /** A customer's fields, by their API names ({@code first_name}, {@code email}, {@code language_id} ...). */
    public record Profile(String customerId, Map<String, Object> fields) {
        public String field(String name) {
            Object value = fields.get(name);
            return value == null ? null : value.toString();
        }
    }

    private final DSLContext dsl;

    CustomerProfiles(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<Profile> profile(String customerId) {
        return dsl.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).and(CUSTOMER.STATE.ne(0))
                .fetchOptional(r -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("customer_id", r.getId());
                    fields.put("salutation", r.getSalutation());
                    fields.put("gender", r.getGender());
                    fields.put("first_name", r.getFirstName());
                    fields.put("last_name", r.getLastName());
                    fields.put("birthdate", r.getBirthdate() == null ? null : r.getBirthdate().toString());
                    fields.put("email", r.getEmail());
                    fields.put("phone", r.getPhone());
                    fields.put("language_id", r.getLanguageId());
                    fields.put("store_id", r.getStoreId());
                    fields.put("city", r.getCity());
                    fields.put("zip", r.getZip());
                    fields.put("country_code", r.getCountryCode());
                    fields.values().removeIf(java.util.Objects::isNull);
                    return new Profile(r.getId(), fields);
                });
    }

    /** The active customer with this email (any case). */
    public Optional<String> byEmail(String email) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER)
                .where(CUSTOMER.EMAIL_KEY.eq(email.trim().toLowerCase(Locale.ROOT))).and(CUSTOMER.STATE.ne(0))
                .fetchOptional(CUSTOMER.ID);
    }

    /** The active customers with this phone number (a number shared by several names none of them for sure). */
    public List<String> byPhone(String phone) {
        return dsl.select(CUSTOMER.ID).from(CUSTOMER)
                .where(CUSTOMER.PHONE.eq(PhoneNumbers.normalize(phone.trim()))).and(CUSTOMER.STATE.ne(0))
                .limit(2).fetch(CUSTOMER.ID);
    }

    /**
     * Active customers born on the month and day of {@code day} (in any year), after {@code afterId} in id order,
     * at most {@code limit}: a birthday pass pages through them. People born on 29 February celebrate on 28
     * February in other years.
     */
    public List<String> bornOn(LocalDate day, String afterId, int limit) {
        var sameDay = DSL.month(CUSTOMER.BIRTHDATE).eq(day.getMonthValue())
                .and(DSL.day(CUSTOMER.BIRTHDATE).eq(day.getDayOfMonth()));
        if (day.getMonthValue() == 2 && day.getDayOfMonth() == 28 && !day.isLeapYear()) {
            sameDay = sameDay.or(DSL.month(CUSTOMER.BIRTHDATE).eq(2).and(DSL.day(CUSTOMER.BIRTHDATE).eq(29)));
        }
        return dsl.select(CUSTOMER.ID).from(CUSTOMER)
                .where(CUSTOMER.BIRTHDATE.isNotNull()).and(sameDay).and(CUSTOMER.STATE.ne(0))
                .and(afterId == null ? DSL.noCondition() : CUSTOMER.ID.gt(afterId))
                .orderBy(CUSTOMER.ID).limit(limit).fetch(CUSTOMER.ID);
    }
}
