package io.patron.customer;

import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.CUSTOMER;
import static io.patron.db.Tables.CUSTOMER_ADDRESS;
import static io.patron.db.Tables.CUSTOMER_INTEREST;
import static io.patron.db.Tables.CUSTOMER_RELATION;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import io.patron.api.ApiTime;
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

    // --- interest records ----------------------------------------------------------------------

    private ListSpec<CustomerRecordBodies.InterestRecord> interestSpec() {
        return ListSpec
                .<CustomerRecordBodies.InterestRecord>from(CUSTOMER_INTEREST)
                .id("interest_record_id", CUSTOMER_INTEREST.ID)
                .field("interest_id", CUSTOMER_INTEREST.INTEREST_ID, EQ)
                .field("customer_id", CUSTOMER_INTEREST.CUSTOMER_ID)
                .field("last_change", ApiTime.text(CUSTOMER_INTEREST.LAST_CHANGE, clock))
                .map(r -> r.into(CustomerRecordBodies.InterestRecord.class));
    }

    Page<CustomerRecordBodies.InterestRecord> interests(String customerId, ListParams params) {
        return lists.page(interestSpec(), params, CUSTOMER_INTEREST.CUSTOMER_ID.eq(customerId));
    }

    boolean interestRecordExists(String customerId, String recordId) {
        return dsl.fetchExists(CUSTOMER_INTEREST,
                CUSTOMER_INTEREST.CUSTOMER_ID.eq(customerId).and(CUSTOMER_INTEREST.ID.eq(recordId)));
    }

    /** Whether the customer has the interest in a record other than {@code exceptRecordId} (may be null). */
    boolean hasInterest(String customerId, String interestId, String exceptRecordId) {
        Condition where = CUSTOMER_INTEREST.CUSTOMER_ID.eq(customerId)
                .and(CUSTOMER_INTEREST.INTEREST_ID.eq(interestId));
        return dsl.fetchExists(CUSTOMER_INTEREST,
                exceptRecordId == null ? where : where.and(CUSTOMER_INTEREST.ID.ne(exceptRecordId)));
    }

    String addInterest(String customerId, String interestId) {
        String id = Ids.newId();
        dsl.insertInto(CUSTOMER_INTEREST).set(CUSTOMER_INTEREST.ID, id).set(CUSTOMER_INTEREST.CUSTOMER_ID, customerId)
                .set(CUSTOMER_INTEREST.INTEREST_ID, interestId)
                .set(CUSTOMER_INTEREST.LAST_CHANGE, now()).execute();
        return id;
    }

    void replaceInterest(String recordId, String interestId) {
        dsl.update(CUSTOMER_INTEREST).set(CUSTOMER_INTEREST.INTEREST_ID, interestId)
                .set(CUSTOMER_INTEREST.LAST_CHANGE, now()).where(CUSTOMER_INTEREST.ID.eq(recordId)).execute();
    }

    void deleteInterest(String recordId) {
        dsl.deleteFrom(CUSTOMER_INTEREST).where(CUSTOMER_INTEREST.ID.eq(recordId)).execute();
    }

    // --- additional addresses ------------------------------------------------------------------

    private final ListSpec<CustomerRecordBodies.AdditionalAddress> addressSpec = ListSpec
            .<CustomerRecordBodies.AdditionalAddress>from(CUSTOMER_ADDRESS)
            .id("additional_address_id", CUSTOMER_ADDRESS.ID)
            .field("address_type", CUSTOMER_ADDRESS.ADDRESS_TYPE_ID)
            .column("address1", CUSTOMER_ADDRESS.ADDRESS1).column("address2", CUSTOMER_ADDRESS.ADDRESS2)
            .column("address3", CUSTOMER_ADDRESS.ADDRESS3)
            .column("address4", CUSTOMER_ADDRESS.ADDRESS4).column("address5", CUSTOMER_ADDRESS.ADDRESS5)
            .column("address6", CUSTOMER_ADDRESS.ADDRESS6)
            .column("address7", CUSTOMER_ADDRESS.ADDRESS7).column("zip", CUSTOMER_ADDRESS.ZIP)
            .column("city", CUSTOMER_ADDRESS.CITY)
            .column("country_code", CUSTOMER_ADDRESS.COUNTRY_CODE)
            .filter("customer_address_type_id", CUSTOMER_ADDRESS.ADDRESS_TYPE_ID, EQ)
            .map(r -> new CustomerRecordBodies.AdditionalAddress(r.get("additional_address_id", String.class),
                    r.get("address_type", String.class),
                    new CustomerBodies.Address(s(r, "address1"), s(r, "address2"), s(r, "address3"),
                            s(r, "address4"), s(r, "address5"), s(r, "address6"), s(r, "address7"), s(r, "zip"),
                            s(r, "city"), s(r, "country_code"))));

    private static String s(Record r, String field) {
        return r.get(field, String.class);
    }

    Page<CustomerRecordBodies.AdditionalAddress> addresses(String customerId, ListParams params) {
        return lists.page(addressSpec, params, CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId));
    }

    Optional<CustomerRecordBodies.AdditionalAddress> address(String customerId, String addressId) {
        return lists.one(addressSpec,
                CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId).and(CUSTOMER_ADDRESS.ID.eq(addressId)));
    }

    boolean addressExists(String customerId, String addressId) {
        return dsl.fetchExists(CUSTOMER_ADDRESS,
                CUSTOMER_ADDRESS.CUSTOMER_ID.eq(customerId).and(CUSTOMER_ADDRESS.ID.eq(addressId)));
    }

    String addAddress(String customerId, String typeId, CustomerBodies.Address a) {
        String id = Ids.newId();
        dsl.insertInto(CUSTOMER_ADDRESS).set(CUSTOMER_ADDRESS.ID, id).set(CUSTOMER_ADDRESS.CUSTOMER_ID, customerId)
                .set(CUSTOMER_ADDRESS.ADDRESS_TYPE_ID, typeId)
                .set(CUSTOMER_ADDRESS.ADDRESS1, a.address1()).set(CUSTOMER_ADDRESS.ADDRESS2, a.address2())
                .set(CUSTOMER_ADDRESS.ADDRESS3, a.address3())
                .set(CUSTOMER_ADDRESS.ADDRESS4, a.address4()).set(CUSTOMER_ADDRESS.ADDRESS5, a.address5())
                .set(CUSTOMER_ADDRESS.ADDRESS6, a.address6())
                .set(CUSTOMER_ADDRESS.ADDRESS7, a.address7()).set(CUSTOMER_ADDRESS.ZIP, a.zip())
                .set(CUSTOMER_ADDRESS.CITY, a.city())
                .set(CUSTOMER_ADDRESS.COUNTRY_CODE, a.countryCode()).set(CUSTOMER_ADDRESS.LAST_CHANGE, now()).execute();
        return id;
    }

    void replaceAddress(String addressId, String typeId, CustomerBodies.Address a) {
        dsl.update(CUSTOMER_ADDRESS).set(CUSTOMER_ADDRESS.ADDRESS_TYPE_ID, typeId)
                .set(CUSTOMER_ADDRESS.ADDRESS1, a.address1()).set(CUSTOMER_ADDRESS.ADDRESS2, a.address2())
                .set(CUSTOMER_ADDRESS.ADDRESS3, a.address3())
                .set(CUSTOMER_ADDRESS.ADDRESS4, a.address4()).set(CUSTOMER_ADDRESS.ADDRESS5, a.address5())
                .set(CUSTOMER_ADDRESS.ADDRESS6, a.address6())
                .set(CUSTOMER_ADDRESS.ADDRESS7, a.address7()).set(CUSTOMER_ADDRESS.ZIP, a.zip())
                .set(CUSTOMER_ADDRESS.CITY, a.city())
                .set(CUSTOMER_ADDRESS.COUNTRY_CODE, a.countryCode()).set(CUSTOMER_ADDRESS.LAST_CHANGE, now())
                .where(CUSTOMER_ADDRESS.ID.eq(addressId)).execute();
    }

    // --- related customers ---------------------------------------------------------------------

    private static final io.patron.db.tables.Customer RELATED = CUSTOMER.as("related");

    private ListSpec<CustomerRecordBodies.RelatedCustomer> relationSpec() {
        return ListSpec
                .<CustomerRecordBodies.RelatedCustomer>from(CUSTOMER_RELATION.join(RELATED)
                .on(RELATED.ID.eq(CUSTOMER_RELATION.RELATED_CUSTOMER_ID)))
                .id("customer_relation_id", CUSTOMER_RELATION.ID)
                .field("related_customer_id", CUSTOMER_RELATION.RELATED_CUSTOMER_ID, EQ)
                .field("customer_relation_type_id", CUSTOMER_RELATION.RELATION_TYPE_ID, EQ)
                // relations in force, or with all_customer_relations=true also the ended ones
                .filters(filters -> {
                    List<InvalidParam> errors = new ArrayList<>();
                    boolean all = Boolean.TRUE.equals(filters.query().bool("all_customer_relations", errors));
                    errors.forEach(filters::error);
                    filters.where(all ? DSL.noCondition() : current());
                })
                .field("is_leading", CUSTOMER_RELATION.IS_LEADING)
                .field("state", CUSTOMER_RELATION.STATE)
                .field("valid_from", ApiTime.text(CUSTOMER_RELATION.VALID_FROM, clock))
                .field("valid_to", ApiTime.text(CUSTOMER_RELATION.VALID_TO, clock))
                .field("last_change", ApiTime.text(CUSTOMER_RELATION.LAST_CHANGE, clock))
                .column("first_name", RELATED.FIRST_NAME)
                .column("last_name", RELATED.LAST_NAME)
                .map(r -> new CustomerRecordBodies.RelatedCustomer(r.get("customer_relation_id", String.class),
                        r.get("related_customer_id", String.class), r.get("customer_relation_type_id", String.class),
                        r.get("is_leading", Boolean.class), shortName(s(r, "first_name"), s(r, "last_name")),
                        r.get("state", Integer.class), s(r, "valid_from"), s(r, "valid_to"), s(r, "last_change")));
    }

    /** First name and the initial of the last name ("Peter D."), or what there is of them. */
    static String shortName(String first, String last) {
        String initial = last == null || last.isBlank() ? null : last.strip().substring(0, 1) + ".";
        String name = ((first == null ? "" : first.strip()) + " " + (initial == null ? "" : initial)).strip();
        return name.isEmpty() ? null : name;
    }

    /** Relations in force now: started, not ended. */
    private Condition current() {
        OffsetDateTime now = now();
        return CUSTOMER_RELATION.VALID_FROM.le(now)
                .and(CUSTOMER_RELATION.VALID_TO.isNull().or(CUSTOMER_RELATION.VALID_TO.gt(now)));
    }

    /** Relations in force, or with {@code all_customer_relations=true} also the ended ones. */
    Page<CustomerRecordBodies.RelatedCustomer> relations(String customerId, ListParams params) {
        return lists.page(relationSpec(), params, CUSTOMER_RELATION.CUSTOMER_ID.eq(customerId));
    }

    Optional<CustomerRecordBodies.RelatedCustomer> relation(String customerId, String relationId) {
        return lists.one(relationSpec(),
                CUSTOMER_RELATION.CUSTOMER_ID.eq(customerId).and(CUSTOMER_RELATION.ID.eq(relationId)));
    }

    boolean hasOpenRelation(String customerId, String relatedId, String typeId) {
        return dsl.fetchExists(CUSTOMER_RELATION,
                CUSTOMER_RELATION.CUSTOMER_ID.eq(customerId)
                .and(CUSTOMER_RELATION.OPEN_KEY.eq(openKey(relatedId, typeId))));
    }

    private static String openKey(String relatedId, String typeId) {
        return relatedId + ":" + typeId;
    }

    String addRelation(String customerId, String relatedId, String typeId, boolean leading) {
        String id = Ids.newId();
        OffsetDateTime now = now();
        dsl.insertInto(CUSTOMER_RELATION).set(CUSTOMER_RELATION.ID, id).set(CUSTOMER_RELATION.CUSTOMER_ID, customerId)
                .set(CUSTOMER_RELATION.RELATED_CUSTOMER_ID, relatedId)
                .set(CUSTOMER_RELATION.RELATION_TYPE_ID, typeId).set(CUSTOMER_RELATION.IS_LEADING, leading)
                .set(CUSTOMER_RELATION.STATE, 1).set(CUSTOMER_RELATION.VALID_FROM, now)
                .set(CUSTOMER_RELATION.OPEN_KEY, openKey(relatedId, typeId)).set(CUSTOMER_RELATION.LAST_CHANGE, now)
                .execute();
        return id;
    }

    /** Ends a relation in force (state 0, valid to now); false when there is none with this id. */
    boolean endRelation(String customerId, String relationId) {
        OffsetDateTime now = now();
        return dsl.update(CUSTOMER_RELATION).set(CUSTOMER_RELATION.STATE, 0).set(CUSTOMER_RELATION.VALID_TO, now)
                .setNull(CUSTOMER_RELATION.OPEN_KEY).set(CUSTOMER_RELATION.LAST_CHANGE, now)
                .where(CUSTOMER_RELATION.CUSTOMER_ID.eq(customerId)).and(CUSTOMER_RELATION.ID.eq(relationId))
                .and(CUSTOMER_RELATION.OPEN_KEY.isNotNull())
                .execute() > 0;
    }
}
