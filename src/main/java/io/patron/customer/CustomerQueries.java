package io.patron.customer;

import static io.patron.customer.CustomerTables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import io.patron.api.CustomerScope;
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

    private static final DateTimeFormatter CZECH_DATE = DateTimeFormatter.ofPattern("d.M.uuuu");

    private final ListQueries lists;
    private final Clock clock;
    private final ListSpec<CustomerBodies.Customer> customers;
    private final ListSpec<CustomerBodies.Customer> shortSalutation;
    private final ListSpec<CustomerBodies.CustomerSourceRecord> sourceRecords;

    private final String publicUrl;

    CustomerQueries(ListQueries lists, Clock clock,
                    @org.springframework.beans.factory.annotation.Value("${patron.public-url:}") String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.lists = lists;
        this.clock = clock;
        this.customers = customerSpec(false);
        this.shortSalutation = customerSpec(true);
        this.sourceRecords = ListSpec.<CustomerBodies.CustomerSourceRecord>from(SOURCE_RECORD)
                .id("customer_source_record_id", SR_ID)
                .field("customer_source_id", SR_SOURCE)
                .field("customer_id", SR_CUSTOMER)
                .field("external_id", SR_EXTERNAL)
                .field("last_change", SR_CHANGED)
                .map(r -> new CustomerBodies.CustomerSourceRecord(r.get("customer_source_record_id", String.class),
                        r.get("customer_source_id", String.class), r.get("customer_id", String.class),
                        r.get("external_id", String.class), time(r, "last_change")));
    }

    /** Only the first-level fields are sortable; personal information is built from extra columns. */
    private ListSpec<CustomerBodies.Customer> customerSpec(boolean shortSalutations) {
        return ListSpec.<CustomerBodies.Customer>from(CUSTOMER)
                .id("customer_id", C_ID)
                .field("last_change", C_CHANGED)
                .field("state", C_STATE)
                .field("salutation", shortSalutations ? C_FIRST_NAME : C_SALUTATION)
                .field("gender", C_GENDER).field("first_name", C_FIRST_NAME).field("last_name", C_LAST_NAME)
                .field("pre_nominals", C_PRE_NOMINALS).field("post_nominals", C_POST_NOMINALS)
                .field("birthdate", C_BIRTHDATE).field("email", C_EMAIL).field("phone", C_PHONE)
                .field("language_id", C_LANGUAGE).field("store_id", C_STORE)
                .field("address1", C_ADDRESS1).field("address2", C_ADDRESS2).field("address3", C_ADDRESS3)
                .field("address4", C_ADDRESS4).field("address5", C_ADDRESS5).field("address6", C_ADDRESS6)
                .field("address7", C_ADDRESS7).field("zip", C_ZIP).field("city", C_CITY)
                .field("country_code", C_COUNTRY)
                .column("photo_file", DSL.select(DSL.concat(CustomerActionTables.PH_SECRET, DSL.inline("."),
                                CustomerActionTables.PH_EXTENSION)).from(CustomerActionTables.PHOTO)
                        .where(CustomerActionTables.PH_CUSTOMER.eq(C_ID)).asField())
                // nested in the same query, so that a lookup is one statement (docs/performance.md)
                .column("consents", DSL.multiset(DSL.select(CustomerActionTables.CO_ID,
                                CustomerActionTables.CO_VALUE, CustomerActionTables.CO_CHANGED)
                        .from(CustomerActionTables.CONSENT).where(CustomerActionTables.CO_CUSTOMER.eq(C_ID))
                        .orderBy(CustomerActionTables.CO_ID)))
                .sortableOnly("customer_id", "last_change", "state")
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
                time(r, "last_change"), r.get("state", Integer.class));
        List<CustomerBodies.Consent> consents = ((Result<?>) r.get("consents")).map(c -> new CustomerBodies.Consent(
                c.get(CustomerActionTables.CO_ID), c.get(CustomerActionTables.CO_VALUE),
                ApiTime.format(c.get(CustomerActionTables.CO_CHANGED).toInstant(), clock)));
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

    public Page<CustomerBodies.Customer> customers(Caller caller, ListParams params) {
        Filters filters = params.filters()
                .custom("email", v -> C_EMAIL_KEY.eq(v.trim().toLowerCase(java.util.Locale.ROOT)))
                .eq("phone", C_PHONE)
                .custom("customer_source_id", v -> C_ID.in(DSL.select(SR_CUSTOMER).from(SOURCE_RECORD)
                        .where(SR_SOURCE.eq(v))))
                .in("customer_ids", C_ID)
                .where(C_STATE.ne(0));
        personFilters(filters);
        List<String> emails = filters.query().strings("email_list");
        if (!emails.isEmpty()) {
            filters.where(C_EMAIL_KEY.in(emails.stream().map(e -> e.trim().toLowerCase(java.util.Locale.ROOT)).toList()));
        }
        CustomerScope.restrictedTo(caller).ifPresent(id -> filters.where(C_ID.eq(id)));
        return lists.page(spec(params), params, filters.condition());
    }

    /**
     * The filters by a person's names (case-insensitive, whole) and birthdate ({@code YYYY-MM-DD} or
     * {@code DD.MM.YYYY}), one definition for {@code GET /customers} and {@code search-customers}.
     */
    static Filters personFilters(Filters filters) {
        return filters
                .custom("first_name", v -> DSL.lower(C_FIRST_NAME).eq(v.toLowerCase(java.util.Locale.ROOT)))
                .custom("last_name", v -> DSL.lower(C_LAST_NAME).eq(v.toLowerCase(java.util.Locale.ROOT)))
                .custom("birthdate", v -> {
                    LocalDate date = parseBirthdate(v);
                    if (date == null) {
                        filters.error(InvalidParam.of("birthdate", Reason.INVALID_VALUE_FORMAT, v,
                                "Expected YYYY-MM-DD or DD.MM.YYYY"));
                        return DSL.noCondition();
                    }
                    return C_BIRTHDATE.eq(date);
                });
    }

    public CustomerBodies.Customer customer(Caller caller, String customerId, ListParams params) {
        CustomerScope.requireAccess(caller, customerId, "customer_id");
        return lists.one(spec(params), C_ID.eq(customerId).and(C_STATE.ne(0)))
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
        return ListSpec.<CustomerBodies.CustomerSource>from(SOURCE)
                .id("customer_source_id", S_ID)
                .field("name", Translations.text("customer_source.name", S_ID, language))
                .field("customer_source_text_id", S_TEXT_ID)
                .field("state", S_STATE)
                .field("last_change", S_CHANGED)
                .map(r -> new CustomerBodies.CustomerSource(r.get("customer_source_id", String.class),
                        r.get("name", String.class), r.get("customer_source_text_id", String.class),
                        r.get("state", Integer.class), formatTime(r, "last_change", clock)));
    }

    public Page<CustomerBodies.CustomerSource> sources(ListParams params, Language language) {
        return lists.page(sourceSpec(language, clock), params,
                params.filters().eq("customer_source_text_id", S_TEXT_ID).condition());
    }

    public CustomerBodies.CustomerSource source(String id, Language language) {
        return lists.one(sourceSpec(language, clock), S_ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("customer-sources", id));
    }

    /** Source records across customers ({@code customerId} null) or of one customer. */
    public Page<CustomerBodies.CustomerSourceRecord> sourceRecords(Caller caller, String customerId, ListParams params) {
        Filters filters = params.filters()
                .eq("external_id", SR_EXTERNAL)
                .eq("customer_source_id", SR_SOURCE)
                .in("external_ids", SR_EXTERNAL);
        if (customerId != null) {
            CustomerScope.requireAccess(caller, customerId, "customer_id");
            // A sub-resource of a customer that does not exist is a 404, as for every other sub-resource.
            if (lists.one(customers, C_ID.eq(customerId).and(C_STATE.ne(0))).isEmpty()) {
                throw ApiError.notFound("customers", customerId);
            }
            filters.where(SR_CUSTOMER.eq(customerId));
        } else {
            filters.eq("customer_id", SR_CUSTOMER);
            CustomerScope.restrictedTo(caller).ifPresent(id -> filters.where(SR_CUSTOMER.eq(id)));
        }
        return lists.page(sourceRecords, params, filters.condition());
    }

    private static String s(Record r, String field) {
        return r.get(field, String.class);
    }

    private String time(Record r, String field) {
        return formatTime(r, field, clock);
    }

    private static String formatTime(Record r, String field, Clock clock) {
        OffsetDateTime value = r.get(field, OffsetDateTime.class);
        return value == null ? null : ApiTime.format(value.toInstant(), clock);
    }

}
