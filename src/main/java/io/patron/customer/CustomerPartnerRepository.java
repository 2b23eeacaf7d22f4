package io.patron.customer;

import static io.patron.customer.CustomerPartnerTables.*;

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
                .id("partner_record_id", CP_ID)
                .field("partner_id", CP_PARTNER)
                .field("last_change", CP_CHANGED)
                .map(r -> {
                    OffsetDateTime changed = r.get("last_change", OffsetDateTime.class);
                    return new CustomerPartnerBodies.PartnerRecord(r.get("partner_record_id", String.class),
                            r.get("partner_id", String.class),
                            changed == null ? null : ApiTime.format(changed.toInstant(), clock));
                });
    }

    Page<CustomerPartnerBodies.PartnerRecord> partners(String customerId, ListParams params) {
        return lists.page(spec, params, params.filters().where(CP_CUSTOMER.eq(customerId)).condition());
    }

    boolean hasPartner(String customerId, String partnerId) {
        return dsl.fetchExists(CUSTOMER_PARTNER, CP_CUSTOMER.eq(customerId).and(CP_PARTNER.eq(partnerId)));
    }

    String add(String customerId, String partnerId) {
        String id = Ids.newId();
        dsl.insertInto(CUSTOMER_PARTNER).set(CP_ID, id).set(CP_CUSTOMER, customerId).set(CP_PARTNER, partnerId)
                .set(CP_CHANGED, OffsetDateTime.now(clock)).execute();
        return id;
    }

    boolean delete(String customerId, String recordId) {
        return dsl.deleteFrom(CUSTOMER_PARTNER).where(CP_CUSTOMER.eq(customerId)).and(CP_ID.eq(recordId))
                .execute() > 0;
    }

    /** Keeps the records of the given partners (they keep their ids), removes the others, adds the missing. */
    void replace(String customerId, Collection<String> partnerIds) {
        dsl.deleteFrom(CUSTOMER_PARTNER).where(CP_CUSTOMER.eq(customerId)).and(CP_PARTNER.notIn(partnerIds))
                .execute();
        Set<String> kept = Set.copyOf(dsl.select(CP_PARTNER).from(CUSTOMER_PARTNER)
                .where(CP_CUSTOMER.eq(customerId)).fetch(CP_PARTNER));
        for (String partnerId : partnerIds) {
            if (!kept.contains(partnerId)) {
                add(customerId, partnerId);
            }
        }
    }
}
