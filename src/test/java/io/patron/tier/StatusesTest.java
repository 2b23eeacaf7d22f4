package io.patron.tier;

import static io.patron.db.Tables.OUTBOX_EVENT;
import static io.patron.db.Tables.STATUS_RECORD;
import static io.patron.tier.Tiers.CLUB;
import static io.patron.tier.Tiers.GOLD;
import static io.patron.tier.Tiers.MEMBER;
import static io.patron.tier.Tiers.SILVER;
import static io.patron.tier.Tiers.VIP;
import static io.patron.tier.Tiers.assign;
import static io.patron.tier.Tiers.current;
import static io.patron.tier.Tiers.newCustomer;
import static io.patron.tier.Tiers.records;
import static io.patron.tier.Tiers.reduce;
import static io.patron.tier.Tiers.setStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.events.EventType;
import io.patron.events.OutboxPoller;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.MutableClock;
import tools.jackson.databind.JsonNode;

/** Statuses: the definitions, sign-up, automatic upgrades on earned points, set-status-record and its bad input. */
class StatusesTest extends ApiTest {

    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;
    @Autowired
    MutableClock clock;
    @Autowired
    CustomerStatuses customerStatuses;

    @BeforeEach
    void project() {
        importProject("test-loyalty.yaml");
        importProject("test-statuses.yaml");
    }

    private void deliver() {
        Tiers.deliverEvents(poller, dsl);
    }

    @Test
    void statusesAreListedWithTheirQualificationLadderAndSwitches() {
        Api admin = admin();
        JsonNode list = admin.get("/statuses").expect(200).data();
        assertThat(list.path("total_items").asInt()).isEqualTo(4);
        List<String> ids = list.path("statuses").valueStream().map(s -> s.path("status_id").asString()).toList();
        assertThat(ids).containsExactly(MEMBER, SILVER, GOLD, VIP); // the ladder's order

        JsonNode silver = admin.get("/statuses/" + SILVER).expect(200).data();
        assertThat(silver.path("name").asString()).isEqualTo("Silver");
        assertThat(silver.path("text_id").asString()).isEqualTo("silver");
        assertThat(silver.path("qualification_type").asInt()).isEqualTo(2);
        assertThat(silver.path("qualification_period").asInt()).isEqualTo(12);
        assertThat(silver.path("qualification_points").asInt()).isEqualTo(1000);
        assertThat(silver.path("qualification_turnover").get(0).path("value").asInt()).isEqualTo(20000);
        assertThat(silver.path("qualification_turnover").get(0).path("currency_id").asString())
                .isEqualTo(io.patron.reference.CurrencyQueries.currencyId("CZK"));
        assertThat(silver.path("previous_status").asString()).isEqualTo(MEMBER);
        assertThat(silver.path("next_status").asString()).isEqualTo(GOLD);
        assertThat(silver.path("validity_period").asString()).isEqualTo("1 year");
        assertThat(silver.path("payment_points").asBoolean()).isTrue();
        assertThat(silver.path("collection_points").asBoolean()).isTrue();
        assertThat(silver.path("discount").asInt()).isEqualTo(3);
        assertThat(silver.path("description").asString()).isEmpty();

        JsonNode member = admin.header("Accept-Language", "cs").get("/statuses/" + MEMBER).expect(200).data();
        assertThat(member.path("name").asString()).isEqualTo("Člen");
        assertThat(member.path("description").asString()).isEqualTo("Každý registrovaný");
        assertThat(member.path("payment_points").asBoolean()).isFalse();
        assertThat(member.has("qualification_period")).isFalse();
        assertThat(admin.get("/statuses/" + GOLD).data().path("validity_period").asString()).isEqualTo("6 months");
        assertThat(admin.get("/statuses/" + VIP).data().path("qualification_type").asInt()).isEqualTo(1);

        assertThat(admin.get("/statuses", "text_id", "gold").data().path("statuses").get(0).path("status_id")
                .asString()).isEqualTo(GOLD);
        assertThat(admin.get("/statuses", "sort_field", "discount", "sort_direction", "DESC").data().path("statuses")
                .get(0).path("status_id").asString()).isEqualTo(VIP);
        assertThat(admin.get("/statuses", "count", "1", "offset", "1").data().path("statuses").get(0)
                .path("status_id").asString()).isEqualTo(SILVER);
        assertThat(admin.get("/statuses", "sort_field", "qualification_turnover").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        admin.get("/statuses/nope").expect(404);
        // the Customer API reads the definitions too
        customer().bearer(customerToken("phone-1")).get("/statuses").expect(200);
    }

    @Test
    void aNewCustomerGetsTheSignUpStatusAndEarnedPointsLiftThemStepByStep() {
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        deliver();
        List<JsonNode> records = records(admin, jana);
        assertThat(records).hasSize(1);
        JsonNode member = records.getFirst();
        assertThat(member.path("status_id").asString()).isEqualTo(MEMBER);
        assertThat(member.path("state").asInt()).isEqualTo(1);
        LocalDate today = LocalDate.now(clock);
        assertThat(member.path("valid_to").asString()).isEqualTo(today.plusMonths(12) + " 23:59:59");
        assertThat(customerStatuses.switches(jana).paymentPoints()).isFalse();
        // member → silver needs 1000 points: what is missing is shown
        JsonNode conditions = member.path("purchase_conditions");
        assertThat(conditions.path("next_status_id").asString()).isEqualTo(SILVER);
        assertThat(conditions.path("next_status_points").asInt()).isEqualTo(1000);
        assertThat(conditions.path("next_status_turnover").get(0).path("value").asDouble()).isEqualTo(20000.0);

        assign(admin, jana, 600, CLUB);
        deliver();
        assertThat(current(admin, jana)).isEqualTo(MEMBER);
        assertThat(records(admin, jana).getFirst().path("purchase_conditions").path("next_status_points").asInt())
                .isEqualTo(400);
        // spending does not undo what was earned
        reduce(admin, jana, 500, CLUB);
        assign(admin, jana, 400, CLUB);
        deliver();
        assertThat(current(admin, jana)).isEqualTo(SILVER);
        assertThat(customerStatuses.switches(jana)).isEqualTo(new CustomerStatuses.Switches(true, true, 3, false));

        records = records(admin, jana);
        assertThat(records).extracting(r -> r.path("status_id").asString()).containsExactly(MEMBER, SILVER);
        assertThat(records.getFirst().path("state").asInt()).isEqualTo(2);
        assertThat(records.getFirst().has("purchase_conditions")).isFalse();
        JsonNode silver = records.get(1).path("purchase_conditions");
        // to keep silver when its year ends, 1000 points must be earned again within the 12 months before its end
        assertThat(silver.path("keep_status_points").asInt()).isEqualTo(1000);
        assertThat(silver.path("next_status_points").asInt()).isEqualTo(2000);
        assertThat(silver.path("keep_status_turnover").get(0).path("due_date").asString())
                .isEqualTo(today.plusMonths(12).toString());

        assign(admin, jana, 2000, CLUB);
        deliver();
        assertThat(current(admin, jana)).isEqualTo(GOLD);
        assertThat(records(admin, jana, "valid_now", "false")).hasSize(2);
        assertThat(records(admin, jana, "sort_field", "valid_from", "sort_direction", "DESC").getFirst()
                .path("status_id").asString()).isEqualTo(GOLD);

        // each change was published, with the status it replaced
        List<String> payloads = dsl.select(OUTBOX_EVENT.PAYLOAD).from(OUTBOX_EVENT)
                .where(OUTBOX_EVENT.EVENT_TYPE.eq(EventType.STATUS_CHANGED)).and(OUTBOX_EVENT.AGGREGATE_ID.eq(jana))
                .orderBy(OUTBOX_EVENT.OCCURRED_AT).fetch(OUTBOX_EVENT.PAYLOAD);
        assertThat(payloads).hasSize(3);
        assertThat(payloads.get(2)).contains("\"status_id\":\"" + GOLD + "\"")
                .contains("\"previous_status_id\":\"" + SILVER + "\"");
        // a repeated delivery changes nothing
        statusEvents.onEvent(new io.patron.events.DomainEvent("x",
                EventType.POINTS_ASSIGNED, jana, OffsetDateTime.now(clock),
                Api.JSON.createObjectNode().put("customer_id", jana)));
        assertThat(records(admin, jana)).hasSize(3);
    }

    @Autowired
    StatusEvents statusEvents;

    @Test
    void pointsEnoughForTwoStepsLiftANewCustomerThroughBothAndPendingPointsDoNotCountYet() {
        Api admin = admin();
        String petr = newCustomer(admin, "petr@example.com");
        deliver();
        assign(admin, petr, 3500, CLUB);
        deliver();
        assertThat(current(admin, petr)).isEqualTo(GOLD);
        assertThat(records(admin, petr)).extracting(r -> r.path("status_id").asString())
                .containsExactly(MEMBER, GOLD);

        // bonus points are pending for 14 days, and only the default type counts
        String eva = newCustomer(admin, "eva@example.com");
        deliver();
        assign(admin, eva, 5000, Tiers.BONUS);
        deliver();
        assertThat(current(admin, eva)).isEqualTo(MEMBER);
    }

    @Test
    void setStatusRecordReplacesTheActiveRecordAndAManualStatusIsNotOverriddenUntilItEnds() {
        Api admin = admin();
        String adam = newCustomer(admin, "adam@example.com");
        deliver();
        String memberRecord = records(admin, adam).getFirst().path("status_record_id").asString();
        LocalDate today = LocalDate.now(clock);

        Api.Response set = admin.post("/customers/actions/set-status-record",
                setStatus(adam, MEMBER, null, today.plusMonths(1) + " 23:59:59")).expect(200);
        String manual = set.data().path("status_record_id").asString();
        List<JsonNode> records = records(admin, adam);
        assertThat(records).extracting(r -> r.path("status_record_id").asString()).containsExactly(memberRecord,
                manual);
        assertThat(records.getFirst().path("state").asInt()).isEqualTo(2);
        assertThat(records.get(1).path("valid_to").asString()).isEqualTo(today.plusMonths(1) + " 23:59:59");
        assertThat(dsl.fetchCount(STATUS_RECORD, STATUS_RECORD.ACTIVE_CUSTOMER_ID.eq(adam))).isEqualTo(1);

        // 1500 points would make adam silver, but the status set by hand holds until it ends
        assign(admin, adam, 1500, CLUB);
        deliver();
        assertThat(current(admin, adam)).isEqualTo(MEMBER);

        // a status without valid_to gets its definition's validity
        String vip = admin.post("/customers/actions/set-status-record", setStatus(adam, VIP, null, null)).expect(200)
                .data().path("status_record_id").asString();
        JsonNode vipRecord = records(admin, adam).getLast();
        assertThat(vipRecord.path("status_record_id").asString()).isEqualTo(vip);
        assertThat(vipRecord.path("valid_to").asString()).isEqualTo(today.plusMonths(24) + " 23:59:59");
        assertThat(vipRecord.has("purchase_conditions")).isFalse(); // VIP asks nothing and leads nowhere
        assertThat(customerStatuses.current(adam).orElseThrow().statusId()).isEqualTo(VIP);
        assertThat(customerStatuses.switches(adam).discount()).isEqualTo(10);

        // a future start: the customer has no valid status until then
        String later = admin.post("/customers/actions/set-status-record",
                setStatus(adam, SILVER, today.plusDays(3) + " 00:00:00", null)).expect(200).data()
                .path("status_record_id").asString();
        assertThat(current(admin, adam)).isNull();
        assertThat(records(admin, adam, "valid_now", "false")).extracting(r -> r.path("status_record_id").asString())
                .contains(later);
        assertThat(customerStatuses.switches(adam)).isEqualTo(CustomerStatuses.Switches.WITHOUT_STATUS);
    }

    @Test
    void setStatusRecordRefusesBadInputNamingTheParameterAndChangesNothing() {
        Api admin = admin();
        String adam = newCustomer(admin, "adam@example.com");
        deliver();
        int before = dsl.fetchCount(STATUS_RECORD);
        String path = "/customers/actions/set-status-record";
        assertThat(admin.post(path, Map.of("customer_id", adam)).expect(400).invalidParams())
                .containsExactly("status_id:required");
        assertThat(admin.post(path, Map.of("status_id", SILVER)).expect(400).invalidParams())
                .containsExactly("customer_id:required");
        assertThat(admin.post(path, setStatus(adam, "nope", null, null)).expect(400).invalidParams())
                .containsExactly("status_id:not_found");
        assertThat(admin.post(path, setStatus("nope", SILVER, null, null)).expect(400).invalidParams())
                .containsExactly("customer_id:not_found");
        assertThat(admin.post(path, setStatus(adam, SILVER, "yesterday", "2020-13-01 00:00:00")).expect(400)
                .invalidParams()).containsExactlyInAnyOrder("valid_from:invalid_value_format",
                        "valid_to:invalid_value_format");
        LocalDate today = LocalDate.now(clock);
        assertThat(admin.post(path, setStatus(adam, SILVER, today.plusDays(10) + " 00:00:00",
                today.plusDays(5) + " 00:00:00")).expect(400).invalidParams())
                .containsExactly("valid_to:not_allowed_value");
        assertThat(admin.post(path, setStatus(adam, SILVER, today.minusDays(10) + " 00:00:00",
                today.minusDays(5) + " 00:00:00")).expect(400).invalidParams())
                .containsExactly("valid_to:not_allowed_value");
        Map<String, Object> wrongType = new HashMap<>(setStatus(adam, SILVER, null, null));
        wrongType.put("valid_to", Map.of("date", "2030-01-01"));
        admin.post(path, wrongType).expect(400);
        assertThat(dsl.fetchCount(STATUS_RECORD)).isEqualTo(before);
        assertThat(current(admin, adam)).isEqualTo(MEMBER);

        // Enterprise only
        Api app = customer().bearer(customerToken("phone-1"));
        assertThat(app.post(path, setStatus(adam, SILVER, null, null)).expect(403).error().path("type").asString())
                .isEqualTo("interface_not_allowed_exception");
        // bad list parameters
        assertThat(admin.get("/customers/" + adam + "/status-records", "valid_now", "maybe").expect(400)
                .invalidParams()).containsExactly("valid_now:invalid_value_format");
        admin.get("/customers/nope/status-records").expect(404);
        assertThat(dsl.fetchCount(STATUS_RECORD)).isEqualTo(before);
    }

    @Test
    void aLoggedInCustomerSeesOnlyTheirOwnStatusRecords() {
        Api app = customer().bearer(customerToken("phone-1"));
        String me = app.post("/customers", Tiers.signUp("me@example.com", true)).expect(201).data()
                .path("customer_id").asString();
        String other = newCustomer(admin(), "other@example.com");
        deliver();
        assertThat(records(app, me)).extracting(r -> r.path("status_id").asString()).containsExactly(MEMBER);
        assertThat(app.get("/customers/" + other + "/status-records").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        // before a login the token sees no customer's data
        customer().bearer(customerToken("phone-2")).get("/customers/" + me + "/status-records").expect(403);
    }
}
