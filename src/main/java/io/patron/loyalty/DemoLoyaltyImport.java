package io.patron.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

import org.springframework.stereotype.Component;

import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.customer.CustomerService;
import io.patron.reference.CurrencyQueries;

/**
 * Imports the {@code demo_loyalty} section: a wallet history for the first demo customers (by email), the same on
 * every start (a fixed seed), written through the ledger as if it had happened over the last months: club points
 * earned and spent, bonus points expiring within days and others still pending, some points reserved, gift
 * credits. A customer who already has ledger records is left alone, so importing again writes nothing.
 * <pre>
 * demo_loyalty:
 *   - email_domain: demo.patron.local
 *     customers: 60
 *     seed: 20261201
 *     point_type: club_points        # text ids of the types (defaults: the default types)
 *     bonus_point_type: bonus_points
 *     credit_type: gift_credit
 *     partner: patron_demo           # partner id or text id
 * </pre>
 */
@Component
class DemoLoyaltyImport implements ProjectImport {

    record Description(String emailDomain, Integer customers, Long seed, String pointType, String bonusPointType,
                       String creditType, String partner) {
    }

    private static final Caller DEMO = new Caller.Anonymous("demo-import");

    private final LedgerService ledger;
    private final LedgerRepository repository;
    private final CustomerService customers;
    private final io.patron.store.StoreQueries stores;
    private final PatronProperties settings;
    private final Clock clock;

    DemoLoyaltyImport(LedgerService ledger, LedgerRepository repository, CustomerService customers,
                      io.patron.store.StoreQueries stores, PatronProperties settings, Clock clock) {
        this.ledger = ledger;
        this.repository = repository;
        this.customers = customers;
        this.stores = stores;
        this.settings = settings;
        this.clock = clock;
    }

    /** After the demo customers (20) and the ledger's types (30). */
    @Override
    public int order() {
        return 60;
    }

    @Override
    public void apply(ProjectFile file) {
        List<Description> all = file.section("demo_loyalty", Description.class);
        for (int i = 0; i < all.size(); i++) {
            Description d = all.get(i);
            String where = "Section 'demo_loyalty' of " + file.location() + ", item " + (i + 1);
            LoyaltyType club = type(LoyaltyType.Kind.POINT, d.pointType(), where);
            LoyaltyType bonus = type(LoyaltyType.Kind.POINT, d.bonusPointType(), where);
            LoyaltyType gift = type(LoyaltyType.Kind.CREDIT, d.creditType(), where);
            String partner = partner(d.partner(), where);
            Random random = new Random(d.seed() == null ? 1 : d.seed());
            List<String> ids = customers.idsByEmailDomain(d.emailDomain(), d.customers() == null ? 50 : d.customers());
            for (int n = 0; n < ids.size(); n++) {
                history(ids.get(n), n, random, club, bonus, gift, partner);
            }
        }
    }

    private void history(String customerId, int n, Random random, LoyaltyType club, LoyaltyType bonus,
                         LoyaltyType gift, String partner) {
        int a = 100 + random.nextInt(500);
        int b = 50 + random.nextInt(300);
        int c = 20 + random.nextInt(200);
        int spent = 30 + random.nextInt(a);
        int expiring = 20 + random.nextInt(100);
        int pending = 10 + random.nextInt(60);
        if (repository.hasRecords(customerId)) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        earn(customerId, club, a, partner, "Welcome points", now.minusDays(200));
        earn(customerId, club, b, partner, "Spring campaign", now.minusDays(90));
        ledger.spendAt(new LedgerService.Spending(customerId, club.id(), null, BigDecimal.valueOf(spent), partner,
                null, "Discount at the cash desk", null), now.minusDays(60));
        earn(customerId, club, c, partner, "Review of a product", now.minusDays(20));
        // bonus points: some expire within days, the newest are still pending
        earn(customerId, bonus, expiring, partner, "Double points weekend", now.minusDays(bonus.expiryPeriod() - 5L));
        earn(customerId, bonus, pending, partner, "Autumn bonus", now.minusDays(2));
        if (n % 3 == 0) {
            ledger.reservePoints(DEMO, "DEMO-ORDER-" + (1000 + n), customerId, BigDecimal.valueOf(25),
                    now.plusDays(7).atZoneSameInstant(clock.getZone()).format(ApiTime.DATE_TIME));
        }
        if (gift != null && n % 4 == 0) {
            String czk = CurrencyQueries.currencyId(settings.currency());
            ledger.earnAt(new LedgerService.Earning(customerId, gift.id(), czk, BigDecimal.valueOf(500), partner,
                    null, "Gift card", null), now.minusDays(40));
            ledger.spendAt(new LedgerService.Spending(customerId, gift.id(), czk, BigDecimal.valueOf(120), partner,
                    null, "E-shop order", null), now.minusDays(5));
        }
    }

    private void earn(String customerId, LoyaltyType type, int amount, String partner, String note,
                      OffsetDateTime at) {
        ledger.earnAt(new LedgerService.Earning(customerId, type.id(), null, BigDecimal.valueOf(amount), partner,
                null, note, null), at);
    }

    private LoyaltyType type(LoyaltyType.Kind kind, String textId, String where) {
        return (textId == null ? repository.defaultType(kind)
                : repository.typeIdByTextId(kind, textId).flatMap(repository::type))
                .orElseThrow(() -> new IllegalStateException(where + ": no " + kind.code() + " type "
                        + (textId == null ? "(default)" : textId)));
    }

    private String partner(String partner, String where) {
        String id = partner == null ? repository.setting(LedgerService.DEFAULT_PARTNER_SETTING).orElse(null) : partner;
        if (id != null && stores.existingPartners(List.of(id)).isEmpty()) {
            id = io.patron.common.Ids.stable("partner", id);
        }
        if (id == null || stores.existingPartners(List.of(id)).isEmpty()) {
            throw new IllegalStateException(where + ": no partner " + partner);
        }
        return id;
    }
}
