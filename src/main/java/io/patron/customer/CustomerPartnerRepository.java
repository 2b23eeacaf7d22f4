package io.patron.customer;

import static io.patron.db.Tables.CUSTOMER_PARTNER;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import io.patron.api.ApiTime;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.common.Ids;

/** SQL of the partners a customer is assigned to. */
@Repository
class CustomerPartnerRepository {

    private final DSLContext dsl;
    private final ListQueries lists;
    private final Clock clock;
    private final ListSpec<CustomerPartnerBodies.PartnerRecord> spec;

    CustomerPartnerRepository(DSLContext dsl, ListQueries lists, Clock clock) {
        this.dsl = dsl;
        this.lists = lists;
        this.clock = clock;
        this.spec = ListSpec.<CustomerPartnerBodies.PartnerRecord>from(CUSTOMER_PARTNER)
                .id("partner_record_id", CUSTOMER_PARTNER.ID)
                .field("partner_id", CUSTOMER_PARTNER.PARTNER_ID)
                .field("last_change", ApiTime.text(CUSTOMER_PARTNER.LAST_CHANGE, clock))
                .map(r -> r.into(CustomerPartnerBodies.PartnerRecord.class));
    }

    Page<CustomerPartnerBodies.PartnerRecord> partners(String customerId, ListParams params) {
        return lists.page(spec, params, CUSTOMER_PARTNER.CUSTOMER_ID.eq(customerId));
    }

    boolean hasPartner(String customerId, String partnerId) {
        return dsl.fetchExists(CUSTOMER_PARTNER,
                CUSTOMER_PARTNER.CUSTOMER_ID.eq(customerId).and(CUSTOMER_PARTNER.PARTNER_ID.eq(partnerId)));
    }

    String add(String customerId, String partnerId) {
        String id = Ids.newId();
        dsl.insertInto(CUSTOMER_PARTNER).set(CUSTOMER_PARTNER.ID, id).set(CUSTOMER_PARTNER.CUSTOMER_ID, customerId)
                .set(CUSTOMER_PARTNER.PARTNER_ID, partnerId)
                .set(CUSTOMER_PARTNER.LAST_CHANGE, OffsetDateTime.now(clock)).execute();
        return id;
    }

    boolean delete(String customerId, String recordId) {
        return dsl.deleteFrom(CUSTOMER_PARTNER).where(CUSTOMER_PARTNER.CUSTOMER_ID.eq(customerId))
                .and(CUSTOMER_PARTNER.ID.eq(recordId))
                .execute() > 0;
    }

    /** Keeps the records of the given partners (they keep their ids), removes the others, adds the missing. */
    void replace(String customerId, Collection<String> partnerIds) {
        dsl.deleteFrom(CUSTOMER_PARTNER).where(CUSTOMER_PARTNER.CUSTOMER_ID.eq(customerId))
                .and(CUSTOMER_PARTNER.PARTNER_ID.notIn(partnerIds))
                .execute();
        Set<String> kept = Set.copyOf(dsl.select(CUSTOMER_PARTNER.PARTNER_ID).from(CUSTOMER_PARTNER)
                .where(CUSTOMER_PARTNER.CUSTOMER_ID.eq(customerId)).fetch(CUSTOMER_PARTNER.PARTNER_ID));
        for (String partnerId : partnerIds) {
            if (!kept.contains(partnerId)) {
                add(customerId, partnerId);
            }
        }
    }
}
