package io.patron.customer;

import static io.patron.api.Filters.EQ;
import static io.patron.api.Filters.IN;
import static io.patron.db.Tables.CUSTOMER;
import static io.patron.db.Tables.CUSTOMER_CONSENT;
import static io.patron.db.Tables.CUSTOMER_PHOTO;
import static io.patron.db.Tables.CUSTOMER_SOURCE;
import static io.patron.db.Tables.CUSTOMER_SOURCE_RECORD;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;

/** Reads of customers, customer sources and source records, within the caller's customer scope. */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class CustomerQueries {

    /** A constant, so that look-ups by id are rendered once ({@link ListQueries#oneByKey}). */
    private static final org.jooq.Condition NOT_DELETED = CUSTOMER.STATE.ne(0);
    private static final DateTimeFormatter CZECH_DATE = DateTimeFormatter.ofPattern("d.M.uuuu");

    private final ListQueries lists;
    private final Clock clock;
    private final ListSpec<CustomerBodies.Customer> customers;
    private final ListSpec<CustomerBodies.Customer> shortSalutation;
    private final ListSpec<CustomerBodies.CustomerSourceRecord> sourceRecords;
    private final ListSpec<CustomerBodies.CustomerSourceRecord> customerSourceRecords;

    private final String publicUrl;

    CustomerQueries(ListQueries lists, Clock clock,
                    @org.springframework.beans.factory.annotation.Value("${patron.public-url:}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.lists = lists;
        this.clock = clock;
        this.customers = customerSpec(false);
        this.shortSalutation = customerSpec(true);
        this.customerSourceRecords = sourceRecordSpec();
        this.sourceRecords = sourceRecordSpec().filter("customer_id", CUSTOMER_SOURCE_RECORD.CUSTOMER_ID, EQ);
    }

    private ListSpec<CustomerBodies.CustomerSourceRecord> sourceRecordSpec() {
        return ListSpec.<CustomerBodies.CustomerSourceRecord>from(CUSTOMER_SOURCE_RECORD)
                .id("customer_source_record_id", CUSTOMER_SOURCE_RECORD.ID)
                .field("customer_source_id", CUSTOMER_SOURCE_RECORD.CUSTOMER_SOURCE_ID, EQ)
                .field("customer_id", CUSTOMER_SOURCE_RECORD.CUSTOMER_ID)
                .field("external_id", CUSTOMER_SOURCE_RECORD.EXTERNAL_ID, EQ)
                .filter("external_ids", CUSTOMER_SOURCE_RECORD.EXTERNAL_ID, IN)
                .field("last_change", ApiTime.local(CUSTOMER_SOURCE_RECORD.LAST_CHANGE, clock))
                .customerScoped(CUSTOMER_SOURCE_RECORD.CUSTOMER_ID)
                .map(r -> r.into(CustomerBodies.CustomerSourceRecord.class));
    }

    /** Only the first-level fields are sortable; personal information is built from extra columns. */
    private ListSpec<CustomerBodies.Customer> customerSpec(boolean shortSalutations) {
        return ListSpec.<CustomerBodies.Customer>from(CUSTOMER)
                .id("customer_id", CUSTOMER.ID)
                .field("last_change", ApiTime.text(CUSTOMER.LAST_CHANGE, clock))
                .field("state", CUSTOMER.STATE)
                .field("salutation", shortSalutations ? CUSTOMER.FIRST_NAME : CUSTOMER.SALUTATION)
                .field("gender", CUSTOMER.GENDER).field("first_name", CUSTOMER.FIRST_NAME)
                .field("last_name", CUSTOMER.LAST_NAME)
                .field("pre_nominals", CUSTOMER.PRE_NOMINALS).field("post_nominals", CUSTOMER.POST_NOMINALS)
                .field("birthdate", CUSTOMER.BIRTHDATE).field("email", CUSTOMER.EMAIL).field("phone", CUSTOMER.PHONE)
                .field("language_id", CUSTOMER.LANGUAGE_ID).field("store_id", CUSTOMER.STORE_ID)
                .field("address1", CUSTOMER.ADDRESS1).field("address2", CUSTOMER.ADDRESS2)
                .field("address3", CUSTOMER.ADDRESS3)
                .field("address4", CUSTOMER.ADDRESS4).field("address5", CUSTOMER.ADDRESS5)
                .field("address6", CUSTOMER.ADDRESS6)
                .field("address7", CUSTOMER.ADDRESS7).field("zip", CUSTOMER.ZIP).field("city", CUSTOMER.CITY)
                .field("country_code", CUSTOMER.COUNTRY_CODE)
                .column("photo_file", DSL.select(DSL.concat(CUSTOMER_PHOTO.SECRET, DSL.inline("."),
                                CUSTOMER_PHOTO.EXTENSION)).from(CUSTOMER_PHOTO)
                        .where(CUSTOMER_PHOTO.CUSTOMER_ID.eq(CUSTOMER.ID)).asField())
                // nested in the same query, so that a lookup is one statement (docs/performance.md)
                .column("consents", DSL.multiset(DSL.select(CUSTOMER_CONSENT.CONSENT_ID,
                                CUSTOMER_CONSENT.CONSENT_VALUE, ApiTime.text(CUSTOMER_CONSENT.LAST_CHANGE, clock))
                        .from(CUSTOMER_CONSENT).where(CUSTOMER_CONSENT.CUSTOMER_ID.eq(CUSTOMER.ID))
                        .orderBy(CUSTOMER_CONSENT.CONSENT_ID)))
                .sortableOnly("customer_id", "last_change", "state")
                .filter("email", v -> CUSTOMER.EMAIL_KEY.eq(v.trim().toLowerCase(java.util.Locale.ROOT)))
                .filter("phone", CUSTOMER.PHONE, EQ)
                .filter("customer_source_id",
                        v -> CUSTOMER.ID.in(DSL.select(CUSTOMER_SOURCE_RECORD.CUSTOMER_ID).from(CUSTOMER_SOURCE_RECORD)
                        .where(CUSTOMER_SOURCE_RECORD.CUSTOMER_SOURCE_ID.eq(v))))
                .filter("customer_ids", CUSTOMER.ID, IN)
                .filters(CustomerQueries::personFilters)
                .filters(filters -> {
                    List<String> emails = filters.query().strings("email_list");
                    if (!emails.isEmpty()) {
                        filters.where(CUSTOMER.EMAIL_KEY.in(emails.stream()
                                .map(e -> e.trim().toLowerCase(java.util.Locale.ROOT)).toList()));
                    }
                })
                .customerScoped(CUSTOMER.ID)
                .map(this::customer);
    }

    private CustomerBodies.Customer customer(Record r) {
        CustomerBodies.Address address = new CustomerBodies.Address(s(r, "address1"), s(r, "address2"),
                s(r, "address3"), s(r, "address4"), s(r, "address5"), s(r, "address6"), s(r, "address7"),
                s(r, "zip"), s(r, "city"), s(r, "country_code"));
        boolean emptyAddress = address.equals(new CustomerBodies.Address(null, null, null, null, null, null, null,
                null, null, null));
        CustomerBodies.PersonalInformation info = new CustomerBodies.PersonalInformation(s(r, "salutation"),
                r.get("gender", Integer.class), s(r, "first_name"), s(r, "last_name"), s(r, "pre_nominals"),
                s(r, "post_nominals"), r.get("birthdate", LocalDate.class), s(r, "email"), s(r, "phone"),
                s(r, "language_id"), s(r, "store_id"), photoUrl(s(r, "photo_file")), emptyAddress ? null : address,
                null, null);
        CustomerBodies.Customer customer = new CustomerBodies.Customer(s(r, "customer_id"), info, null, null,
                s(r, "last_change"), r.get("state", Integer.class));
        List<CustomerBodies.Consent> consents = ((Result<?>) r.get("consents")).into(CustomerBodies.Consent.class);
        return customer.withConsents(consents, CustomerActionService.agreementOf(consents));
    }

    /** The public URL of a photo file: the configured public URL, else the one of the current request. */
    private String photoUrl(String file) {
        if (file == null) {
            return null;
        }
        String base = publicUrl.isEmpty()
                ? org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                        .build().toUriString()
                : publicUrl;
        return base + CustomerPhotoFileController.PATH + file;
    }

    public Page<CustomerBodies.Customer> customers(ListParams params) {
        return lists.page(spec(params), params, CUSTOMER.STATE.ne(0));
    }

    /**
     * The filters by a person's names (case-insensitive, whole) and birthdate ({@code YYYY-MM-DD} or
     * {@code DD.MM.YYYY}), one definition for {@code GET /customers} and {@code search-customers}.
     */
    static Filters personFilters(Filters filters) {
        return filters
                .custom("first_name", v -> DSL.lower(CUSTOMER.FIRST_NAME).eq(v.toLowerCase(java.util.Locale.ROOT)))
                .custom("last_name", v -> DSL.lower(CUSTOMER.LAST_NAME).eq(v.toLowerCase(java.util.Locale.ROOT)))
                .custom("birthdate", v -> {
                    LocalDate date = parseBirthdate(v);
                    if (date == null) {
                        filters.error(InvalidParam.of("birthdate", Reason.INVALID_VALUE_FORMAT, v,
                                "Expected YYYY-MM-DD or DD.MM.YYYY"));
                        return DSL.noCondition();
                    }
                    return CUSTOMER.BIRTHDATE.eq(date);
                });
    }

    public CustomerBodies.Customer customer(Caller caller, String customerId, ListParams params) {
        return lists.customerOne(spec(params), caller, customerId, NOT_DELETED)
                .orElseThrow(() -> ApiError.notFound("customers", customerId));
    }

    private ListSpec<CustomerBodies.Customer> spec(ListParams params) {
        Boolean wantsShort = params.filters().query().bool("customer_short_salutation");
        return Boolean.TRUE.equals(wantsShort) ? shortSalutation : customers;
    }

    static LocalDate parseBirthdate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text.trim(), CZECH_DATE);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    // --- sources ---

    private static ListSpec<CustomerBodies.CustomerSource> sourceSpec(Language language, Clock clock) {
        return ListSpec.<CustomerBodies.CustomerSource>from(CUSTOMER_SOURCE)
                .id("customer_source_id", CUSTOMER_SOURCE.ID)
                .field("name", Translations.text("customer_source.name", CUSTOMER_SOURCE.ID, language))
                .field("customer_source_text_id", CUSTOMER_SOURCE.TEXT_ID, EQ)
                .field("state", CUSTOMER_SOURCE.STATE)
                .field("last_change", ApiTime.local(CUSTOMER_SOURCE.LAST_CHANGE, clock))
                .map(r -> r.into(CustomerBodies.CustomerSource.class));
    }

    public Page<CustomerBodies.CustomerSource> sources(ListParams params, Language language) {
        return lists.page(sourceSpec(language, clock), params);
    }

    public CustomerBodies.CustomerSource source(String id, Language language) {
        return lists.one(sourceSpec(language, clock), CUSTOMER_SOURCE.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("customer-sources", id));
    }

    /** Source records across customers ({@code customerId} null) or of one customer. */
    public Page<CustomerBodies.CustomerSourceRecord> sourceRecords(String customerId, ListParams params) {
        if (customerId == null) {
            return lists.page(sourceRecords, params);
        }
        // A sub-resource of a customer that does not exist is a 404, as for every other sub-resource.
        return lists.customerPage(customerSourceRecords, params, customerId,
                id -> lists.oneByKey(customers, CUSTOMER.ID, id, NOT_DELETED).isPresent());
    }

    private static String s(Record r, String field) {
        return r.get(field, String.class);
    }

}
