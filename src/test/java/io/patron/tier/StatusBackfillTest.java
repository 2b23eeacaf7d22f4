package io.patron.tier;

import static io.patron.tier.Tiers.MEMBER;
import static io.patron.tier.Tiers.newCustomer;
import static io.patron.tier.Tiers.records;
import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Customers who signed up before the project had statuses get the sign-up status when statuses are imported. */
class StatusBackfillTest extends ApiTest {

    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;

    @Test
    void customersWithoutAStatusGetTheSignUpStatusOnceWhenStatusesAreImported() {
        importProject("test-loyalty.yaml");
        Api admin = admin();
        String early = newCustomer(admin, "early@example.com");
        Tiers.deliverEvents(poller, dsl);
        assertThat(records(admin, early)).isEmpty(); // no statuses yet

        importProject("test-statuses.yaml");
        importProject("test-statuses.yaml"); // idempotent
        Tiers.deliverEvents(poller, dsl);
        assertThat(records(admin, early)).extracting(r -> r.path("status_id").asString()).containsExactly(MEMBER);
        assertThat(admin.get("/statuses").data().path("total_items").asInt()).isEqualTo(4);
    }
}
