package io.patron.customer;

import static io.patron.customer.CustomerRecordTables.*;
import static io.patron.customer.CustomerTables.CUSTOMER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.api.ApiTime;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.common.Ids;

/** SQL of the records a customer owns (interest records, additional addresses, relations). */
@Repository
class CustomerRecordRepository {

    private final DSLContext dsl;
    private final ListQueries lists;
    private final Clock clock;

    CustomerRecordRepository(DSLContext dsl, ListQueries lists, Clock clock) {
        this.dsl = dsl;
        this.lists = lists;
        this.clock = clock;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private String time(Record r, String field) {
        OffsetDateTime value = r.get(field, OffsetDateTime.class);
        return value == null ? null : ApiTime.format(value.toInstant(), clock);
    }

    // --- interest records ----------------------------------------------------------------------

    private final ListSpec<CustomerRecordBodies.InterestRecord> interestSpec = ListSpec
            .<CustomerRecordBodies.InterestRecord>from(INTEREST)
            .id("interest_record_id", I_ID)
            .field("interest_id", I_INTEREST)
            .field("customer_id", I_CUSTOMER)
            .field("last_change", I_CHANGED)
            .map(r -> new CustomerRecordBodies.InterestRecord(r.get("interest_record_id", String.class),
                    r.get("interest_id", String.class), r.get("customer_id", String.class), time(r, "last_change")));

    Page<CustomerRecordBodies.InterestRecord> interests(String customerId, ListParams params) {
        Condition where = params.filters().eq("interest_id", I_INTEREST).where(I_CUSTOMER.eq(customerId)).condition();
        return lists.page(interestSpec, params, where);
    }

    boolean interestRecordExists(String customerId, String recordId) {
        return dsl.fetchExists(INTEREST, I_CUSTOMER.eq(customerId).and(I_ID.eq(recordId)));
    }

    /** Whether the customer has the interest in a record other than {@code exceptRecordId} (may be null). */
    boolean hasInterest(String customerId, String interestId, String exceptRecordId) {
        Condition where = I_CUSTOMER.eq(customerId).and(I_INTEREST.eq(interestId));
        return dsl.fetchExists(INTEREST, exceptRecordId == null ? where : where.and(I_ID.ne(exceptRecordId)));
    }

    String addInterest(String customerId, String interestId) {
        String id = Ids.newId();
        dsl.insertInto(INTEREST).set(I_ID, id).set(I_CUSTOMER, customerId).set(I_INTEREST, interestId)
                .set(I_CHANGED, now()).execute();
        return id;
    }

    void replaceInterest(String recordId, String interestId) {
        dsl.update(INTEREST).set(I_INTEREST, interestId).set(I_CHANGED, now()).where(I_ID.eq(recordId)).execute();
    }

    void deleteInterest(String recordId) {
        dsl.deleteFrom(INTEREST).where(I_ID.eq(recordId)).execute();
    }

    // --- additional addresses ------------------------------------------------------------------

    private final ListSpec<CustomerRecordBodies.AdditionalAddress> addressSpec = ListSpec
            .<CustomerRecordBodies.AdditionalAddress>from(ADDRESS)
            .id("additional_address_id", A_ID)
            .field("address_type", A_TYPE)
            .column("address1", A_ADDRESS1).column("address2", A_ADDRESS2).column("address3", A_ADDRESS3)
            .column("address4", A_ADDRESS4).column("address5", A_ADDRESS5).column("address6", A_ADDRESS6)
            .column("address7", A_ADDRESS7).column("zip", A_ZIP).column("city", A_CITY)
            .column("country_code", A_COUNTRY)
            .map(r -> new CustomerRecordBodies.AdditionalAddress(r.get("additional_address_id", String.class),
                    r.get("address_type", String.class),
                    new CustomerBodies.Address(s(r, "address1"), s(r, "address2"), s(r, "address3"),
                            s(r, "address4"), s(r, "address5"), s(r, "address6"), s(r, "address7"), s(r, "zip"),
                            s(r, "city"), s(r, "country_code"))));

    private static String s(Record r, String field) {
        return r.get(field, String.class);
    }

    Page<CustomerRecordBodies.AdditionalAddress> addresses(String customerId, ListParams params) {
        Condition where = params.filters().eq("customer_address_type_id", A_TYPE)
                .where(A_CUSTOMER.eq(customerId)).condition();
        return lists.page(addressSpec, params, where);
    }

    Optional<CustomerRecordBodies.AdditionalAddress> address(String customerId, String addressId) {
        return lists.one(addressSpec, A_CUSTOMER.eq(customerId).and(A_ID.eq(addressId)));
    }

    boolean addressExists(String customerId, String addressId) {
        return dsl.fetchExists(ADDRESS, A_CUSTOMER.eq(customerId).and(A_ID.eq(addressId)));
    }

    String addAddress(String customerId, String typeId, CustomerBodies.Address a) {
        String id = Ids.newId();
        dsl.insertInto(ADDRESS).set(A_ID, id).set(A_CUSTOMER, customerId).set(A_TYPE, typeId)
                .set(A_ADDRESS1, a.address1()).set(A_ADDRESS2, a.address2()).set(A_ADDRESS3, a.address3())
                .set(A_ADDRESS4, a.address4()).set(A_ADDRESS5, a.address5()).set(A_ADDRESS6, a.address6())
                .set(A_ADDRESS7, a.address7()).set(A_ZIP, a.zip()).set(A_CITY, a.city())
                .set(A_COUNTRY, a.countryCode()).set(A_CHANGED, now()).execute();
        return id;
    }

    void replaceAddress(String addressId, String typeId, CustomerBodies.Address a) {
        dsl.update(ADDRESS).set(A_TYPE, typeId)
                .set(A_ADDRESS1, a.address1()).set(A_ADDRESS2, a.address2()).set(A_ADDRESS3, a.address3())
                .set(A_ADDRESS4, a.address4()).set(A_ADDRESS5, a.address5()).set(A_ADDRESS6, a.address6())
                .set(A_ADDRESS7, a.address7()).set(A_ZIP, a.zip()).set(A_CITY, a.city())
                .set(A_COUNTRY, a.countryCode()).set(A_CHANGED, now()).where(A_ID.eq(addressId)).execute();
    }

    // --- related customers ---------------------------------------------------------------------

    private static final Table<Record> RELATED = CUSTOMER.as("related");
    private static final Field<String> RELATED_ID = DSL.field(DSL.name("related", "id"), String.class);
    private static final Field<String> RELATED_FIRST = DSL.field(DSL.name("related", "first_name"), String.class);
    private static final Field<String> RELATED_LAST = DSL.field(DSL.name("related", "last_name"), String.class);

    private final ListSpec<CustomerRecordBodies.RelatedCustomer> relationSpec = ListSpec
            .<CustomerRecordBodies.RelatedCustomer>from(RELATION.join(RELATED).on(RELATED_ID.eq(R_RELATED)))
            .id("customer_relation_id", R_ID)
            .field("related_customer_id", R_RELATED)
            .field("customer_relation_type_id", R_TYPE)
            .field("is_leading", R_LEADING)
            .field("state", R_STATE)
            .field("valid_from", R_FROM)
            .field("valid_to", R_TO)
            .field("last_change", R_CHANGED)
            .column("first_name", RELATED_FIRST)
            .column("last_name", RELATED_LAST)
            .map(r -> new CustomerRecordBodies.RelatedCustomer(r.get("customer_relation_id", String.class),
                    r.get("related_customer_id", String.class), r.get("customer_relation_type_id", String.class),
                    r.get("is_leading", Boolean.class), shortName(s(r, "first_name"), s(r, "last_name")),
                    r.get("state", Integer.class), time(r, "valid_from"), time(r, "valid_to"),
                    time(r, "last_change")));

    /** First name and the initial of the last name ("Peter D."), or what there is of them. */
    static String shortName(String first, String last) {
        String initial = last == null || last.isBlank() ? null : last.strip().substring(0, 1) + ".";
        String name = ((first == null ? "" : first.strip()) + " " + (initial == null ? "" : initial)).strip();
        return name.isEmpty() ? null : name;
    }

    /** Relations in force now: started, not ended. */
    private Condition current() {
        OffsetDateTime now = now();
        return R_FROM.le(now).and(R_TO.isNull().or(R_TO.gt(now)));
    }

    /** Relations in force, or with {@code all_customer_relations=true} also the ended ones. */
    Page<CustomerRecordBodies.RelatedCustomer> relations(String customerId, ListParams params) {
        Filters filters = params.filters();
        List<InvalidParam> errors = new ArrayList<>();
        boolean all = Boolean.TRUE.equals(filters.query().bool("all_customer_relations", errors));
        errors.forEach(filters::error);
        Condition where = filters.eq("related_customer_id", R_RELATED)
                .eq("customer_relation_type_id", R_TYPE)
                .where(R_CUSTOMER.eq(customerId))
                .where(all ? DSL.noCondition() : current()).condition();
        return lists.page(relationSpec, params, where);
    }

    Optional<CustomerRecordBodies.RelatedCustomer> relation(String customerId, String relationId) {
        return lists.one(relationSpec, R_CUSTOMER.eq(customerId).and(R_ID.eq(relationId)));
    }

    boolean hasOpenRelation(String customerId, String relatedId, String typeId) {
        return dsl.fetchExists(RELATION, R_CUSTOMER.eq(customerId).and(R_OPEN_KEY.eq(openKey(relatedId, typeId))));
    }

    private static String openKey(String relatedId, String typeId) {
        return relatedId + ":" + typeId;
    }

    String addRelation(String customerId, String relatedId, String typeId, boolean leading) {
        String id = Ids.newId();
        OffsetDateTime now = now();
        dsl.insertInto(RELATION).set(R_ID, id).set(R_CUSTOMER, customerId).set(R_RELATED, relatedId)
                .set(R_TYPE, typeId).set(R_LEADING, leading).set(R_STATE, 1).set(R_FROM, now)
                .set(R_OPEN_KEY, openKey(relatedId, typeId)).set(R_CHANGED, now).execute();
        return id;
    }

    /** Ends a relation in force (state 0, valid to now); false when there is none with this id. */
    boolean endRelation(String customerId, String relationId) {
        OffsetDateTime now = now();
        return dsl.update(RELATION).set(R_STATE, 0).set(R_TO, now).setNull(R_OPEN_KEY).set(R_CHANGED, now)
                .where(R_CUSTOMER.eq(customerId)).and(R_ID.eq(relationId)).and(R_OPEN_KEY.isNotNull())
                .execute() > 0;
    }
}
