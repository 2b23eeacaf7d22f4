package io.patron.wallet;

import static io.patron.tier.Tiers.CLUB;
import static io.patron.tier.Tiers.SILVER;
import static io.patron.tier.Tiers.assign;
import static io.patron.tier.Tiers.newCustomer;
import static io.patron.tier.Tiers.reduce;
import static io.patron.tier.Tiers.setStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.events.OutboxPoller;
import io.patron.loyalty.LedgerService;
import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.JobRuns;
import io.patron.support.MutableClock;
import io.patron.tier.Tiers;
import tools.jackson.databind.JsonNode;

/** The wallet overviews: points, credits, what expires, turnover; their intervals, bad input and isolation. */
class WalletTest extends ApiTest {

    private static final String CZK = CurrencyQueries.currencyId("CZK");
    private static final String EUR = CurrencyQueries.currencyId("EUR");
    private static final String USD = CurrencyQueries.currencyId("USD");
    private static final String GIFT = "ct-gift";

    @Autowired
    OutboxPoller poller;
    @Autowired
    DSLContext dsl;
    @Autowired
    MutableClock clock;
    @Autowired
    LedgerService ledger;
    @Autowired
    JobRuns jobs;

    private void project(boolean expiringPoints) {
        importProject("test-loyalty.yaml");
        importProject("test-statuses.yaml");
        if (expiringPoints) {
            importProject("test-wallet-expiry.yaml");
        }
    }

    private void deliver() {
        Tiers.deliverEvents(poller, dsl);
    }

    private void deposit(String customerId, String currencyId, String amount) {
        ledger.earn(new LedgerService.Earning(customerId, GIFT, currencyId, new BigDecimal(amount), Tiers.PARTNER,
                null, "test", null));
    }

    private static JsonNode wallet(Api api, String operation, String... query) {
        return api.get("/wallet/actions/" + operation, query).expect(200).data();
    }

    private void moveTo(LocalDateTime local) {
        clock.advance(Duration.between(ZonedDateTime.now(clock), local.atZone(clock.getZone())));
    }

    @Test
    void pointsOverviewShowsEarnedRedeemedSpendableAndMoneyOnlyWhenTheStatusAllowsPayingByPoints() {
        project(false);
        Api admin = admin();
        String jana = newCustomer(admin, "jana@example.com");
        deliver();
        assign(admin, jana, 100, CLUB);
        reduce(admin, jana, 30, CLUB);
        admin.post("/point-reservations/actions/reserve-points", Map.of("external_id", "basket-1",
                "customer_id", jana, "amount", 20)).expect(204);
        deliver();

        JsonNode overview = wallet(admin, "points-overview", "customer_id", jana);
        assertThat(overview.path("earned_points").asInt()).isEqualTo(100);
        assertThat(overview.path("redeemed_points").asInt()).isEqualTo(30);
        assertThat(overview.path("available_points").asInt()).isEqualTo(50); // 70 less the 20 reserved
        // a member may not pay by points: no money value
        assertThat(overview.path("available_points_money_value")).isEmpty();

        admin.post("/customers/actions/set-status-record", setStatus(jana, SILVER, null, null)).expect(200);
        overview = wallet(admin, "points-overview", "customer_id", jana);
        assertThat(overview.path("available_points_money_value").get(0).path("currency_id").asString()).isEqualTo(CZK);
        assertThat(overview.path("available_points_money_value").get(0).path("value").decimalValue())
                .isEqualByComparingTo("5.00");
        assertThat(overview.path("available_points_money_value").get(1).path("currency_id").asString()).isEqualTo(EUR);
        assertThat(overview.path("available_points_money_value").get(1).path("value").decimalValue())
                .isEqualByComparingTo("0.20");
        assertThat(overview.path("available_points_money_value")).hasSize(2); // USD has no value set

        // the interval bounds earned and redeemed, never what is available now
        LocalDate today = LocalDate.now(clock);
        JsonNode tomorrow = wallet(admin, "points-overview", "customer_id", jana, "date_from",
                today.plusDays(1).toString());
        assertThat(tomorrow.path("earned_points").asInt()).isZero();
        assertThat(tomorrow.path("redeemed_points").asInt()).isZero();
        assertThat(tomorrow.path("available_points").asInt()).isEqualTo(50);
        JsonNode todayOnly = wallet(admin, "points-overview", "customer_id", jana, "date_from", today.toString(),
                "date_to", today.toString());
        assertThat(todayOnly.path("earned_points").asInt()).isEqualTo(100);
        assertThat(wallet(admin, "points-overview", "customer_id", jana, "date_to", today.minusDays(1).toString())
                .path("earned_points").asInt()).isZero();
    }

    @Test
    void creditsOverviewIsSplitByCurrencyWithTheProjectCurrencyOnTop() {
        project(false);
        Api admin = admin();
        String petr = newCustomer(admin, "petr@example.com");
        JsonNode empty = wallet(admin, "credits-overview", "customer_id", petr);
        assertThat(empty.path("available_credits").asInt()).isZero();
        assertThat(empty.path("split_by_currency")).isEmpty();

        deposit(petr, CZK, "150.50");
        deposit(petr, EUR, "20");
        ledger.spend(new LedgerService.Spending(petr, GIFT, CZK, new BigDecimal("50.25"), Tiers.PARTNER, null,
                "test", null));
        JsonNode overview = wallet(admin, "credits-overview", "customer_id", petr);
        assertThat(overview.path("earned_credits").decimalValue()).isEqualByComparingTo("150.50");
        assertThat(overview.path("redeemed_credits").decimalValue()).isEqualByComparingTo("50.25");
        assertThat(overview.path("available_credits").decimalValue()).isEqualByComparingTo("100.25");
        JsonNode split = overview.path("split_by_currency");
        assertThat(split).hasSize(2);
        assertThat(split.get(0).path("currency_id").asString()).isEqualTo(CZK);
        assertThat(split.get(1).path("currency_id").asString()).isEqualTo(EUR);
        assertThat(split.get(1).path("earned_credits").decimalValue()).isEqualByComparingTo("20");
        assertThat(split.get(1).path("available_credits").decimalValue()).isEqualByComparingTo("20");
        assertThat(wallet(admin, "credits-overview", "customer_id", petr, "credit_type_id[]", GIFT)
                .path("available_credits").decimalValue()).isEqualByComparingTo("100.25");
        assertThat(admin.get("/wallet/actions/credits-overview", "customer_id", petr, "credit_type_id", "nope")
                .expect(400).invalidParams()).containsExactly("credit_type_id:not_found");
    }

    @Test
    void expirationOverviewsSayBeforehandWhatTheLedgersExpiryWillDo() {
        project(true);
        Api admin = admin();
        String eva = newCustomer(admin, "eva@example.com");
        JsonNode nothing = wallet(admin, "points-expiration-overview", "customer_id", eva);
        assertThat(nothing.path("next_amount").asInt()).isZero();
        assertThat(nothing.has("next_date")).isFalse();
        assertThat(nothing.path("current_month_amount").asInt()).isZero();

        assign(admin, eva, 40, null); // monthly points: they end with the next month
        deposit(eva, CZK, "25");
        deposit(eva, EUR, "7"); // not the project currency
        LocalDate lastDay = LocalDate.now(clock).plusMonths(1).with(TemporalAdjusters.lastDayOfMonth());
        JsonNode points = wallet(admin, "points-expiration-overview", "customer_id", eva);
        assertThat(points.path("next_amount").asInt()).isEqualTo(40);
        assertThat(points.path("next_date").asString()).isEqualTo(lastDay.toString());
        assertThat(points.path("current_month_amount").asInt()).isZero();
        JsonNode credits = wallet(admin, "credits-expiration-overview", "customer_id", eva);
        assertThat(credits.path("next_amount").decimalValue()).isEqualByComparingTo("25");
        assertThat(credits.path("next_date").asString()).isEqualTo(lastDay.toString());

        moveTo(lastDay.withDayOfMonth(1).atTime(10, 0));
        Api later = admin();
        assertThat(wallet(later, "points-expiration-overview", "customer_id", eva).path("current_month_amount")
                .asInt()).isEqualTo(40);
        assertThat(wallet(later, "credits-expiration-overview", "customer_id", eva).path("current_month_amount")
                .decimalValue()).isEqualByComparingTo("25");

        // the day after: the ledger's job expires exactly that (its row exists before the move, so the move makes
        // it due even if the scheduler has not polled since the data reset)
        jobs.registerNow("loyalty.expire-lots");
        moveTo(lastDay.plusDays(1).atTime(0, 10));
        Api after = admin();
        jobs.awaitEffect("loyalty.expire-lots", Duration.ofSeconds(30), () ->
                after.get("/point-history", "customer_id", eva).expect(200).data().path("point_history")
                        .valueStream().anyMatch(h -> h.path("point_amount").asInt() == -40));
        assertThat(wallet(after, "points-overview", "customer_id", eva).path("available_points").asInt()).isZero();
        JsonNode gone = wallet(after, "points-expiration-overview", "customer_id", eva);
        assertThat(gone.path("next_amount").asInt()).isZero();
        assertThat(gone.has("next_date")).isFalse();
    }

    @Test
    void salesTurnoverAnswersEveryCurrencyAndTheOverviewsRefuseBadInput() {
        project(false);
        Api admin = admin();
        String adam = newCustomer(admin, "adam@example.com");
        JsonNode turnover = wallet(admin, "sales-turnover", "customer_id", adam, "date_from", "2026-01-01");
        assertThat(turnover.path("turnover").valueStream().map(t -> t.path("currency_id").asString()))
                .containsExactly(CZK, EUR, USD);
        assertThat(turnover.path("turnover").valueStream().map(t -> t.path("value").decimalValue()))
                .allMatch(v -> v.signum() == 0);

        for (String operation : new String[] {"points-overview", "credits-overview", "sales-turnover"}) {
            String path = "/wallet/actions/" + operation;
            assertThat(admin.get(path).expect(400).invalidParams()).containsExactly("customer_id:required");
            assertThat(admin.get(path, "customer_id", adam, "date_from", "01/02/2026").expect(400).invalidParams())
                    .containsExactly("date_from:invalid_value_format");
            assertThat(admin.get(path, "customer_id", adam, "date_from", "2026-03-01", "date_to", "2026-02-01")
                    .expect(400).invalidParams()).containsExactly("date_to:not_allowed_value");
            admin.get(path, "customer_id", "nope").expect(404);
        }
        for (String operation : new String[] {"points-expiration-overview", "credits-expiration-overview"}) {
            assertThat(admin.get("/wallet/actions/" + operation).expect(400).invalidParams())
                    .containsExactly("customer_id:required");
            admin.get("/wallet/actions/" + operation, "customer_id", "nope").expect(404);
        }
    }

    @Test
    void aLoggedInCustomerSeesOnlyTheirOwnWallet() {
        project(false);
        Api app = customer().bearer(customerToken("phone-1"));
        String me = app.post("/customers", Tiers.signUp("me@example.com", true)).expect(201).data()
                .path("customer_id").asString();
        String other = newCustomer(admin(), "other@example.com");
        assign(admin(), me, 10, CLUB);
        for (String operation : new String[] {"points-overview", "credits-overview", "points-expiration-overview",
                "credits-expiration-overview", "sales-turnover"}) {
            String path = "/wallet/actions/" + operation;
            app.get(path, "customer_id", me).expect(200);
            assertThat(app.get(path, "customer_id", other).expect(400).invalidParams())
                    .containsExactly("customer_id:not_belong_to_logged_in_customer");
            customer().bearer(customerToken("phone-2")).get(path, "customer_id", me).expect(403);
        }
        assertThat(wallet(app, "points-overview", "customer_id", me).path("available_points").asInt()).isEqualTo(10);
    }
}
