package io.patron.purchase;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.stereotype.Component;

import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.Language;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.customer.CustomerService;
import io.patron.reference.CurrencyQueries;

/**
 * Imports the {@code demo_purchases} section: one to three purchases for each of the first demo customers (by email),
 * the same on every start (a fixed seed), sent through {@link PurchaseService#send} as a cash desk would, so they earn
 * points by the earning rules. A purchase whose bill id exists is not sent again, so importing again writes nothing.
 * <pre>
 * demo_purchases:
 *   - email_domain: demo.patron.local
 *     customers: 12
 *     seed: 20261202
 *     stores: [PRG01, PRG02]          # store codes
 *     articles: { Jeans: "8594000000570" }   # an article's GLOBAL code in the catalogue (else DEMO-JEANS)
 * </pre>
 */
@Component
class DemoPurchaseImport implements ProjectImport {

    /**
     * {@code articles}: demo article names → catalogue product codes; {@code properties}: purchase property records
     * (property id → text value) every demo purchase carries.
     */
    record Description(String emailDomain, Integer customers, Long seed, List<String> stores,
                       java.util.Map<String, String> articles, java.util.Map<String, String> properties) {
    }

    private static final Caller DEMO = new Caller.Anonymous("demo-import");
    private static final String[] ARTICLES = {"Shirt", "Jeans", "Sneakers", "Scarf", "Jacket", "Socks", "Cap"};

    private final PurchaseService purchases;
    private final PurchaseRepository repository;
    private final CustomerService customers;
    private final Clock clock;

    DemoPurchaseImport(PurchaseService purchases, PurchaseRepository repository, CustomerService customers,
                       Clock clock) {
        this.purchases = purchases;
        this.repository = repository;
        this.customers = customers;
        this.clock = clock;
    }

    /** After the demo wallets (60) and the earning rules (60). */
    @Override
    public int order() {
        return 70;
    }

    @Override
    public void apply(ProjectFile file) {
        String itemType = Ids.stable("purchase_item_type", "store_purchase");
        String purchaseType = Ids.stable("purchase_type", "store_purchase");
        String currency = CurrencyQueries.currencyId("CZK");
        for (Description d : file.section("demo_purchases", Description.class)) {
            Random random = new Random(d.seed() == null ? 1L : d.seed());
            List<String> stores = d.stores().stream().map(code -> Ids.stable("store", code)).toList();
            List<String> ids = customers.idsByEmailDomain(d.emailDomain(), d.customers() == null ? 10 : d.customers());
            for (int c = 0; c < ids.size(); c++) {
                int count = 1 + random.nextInt(3);
                for (int n = 0; n < count; n++) {
                    String billId = "DEMO-" + (c + 1) + "-" + (n + 1);
                    List<PurchaseBodies.BillItem> items = new ArrayList<>();
                    BigDecimal total = BigDecimal.ZERO;
                    int lines = 1 + random.nextInt(3);
                    for (int l = 0; l < lines; l++) {
                        String article = ARTICLES[random.nextInt(ARTICLES.length)];
                        BigDecimal price = BigDecimal.valueOf(99 + random.nextInt(20) * 50L);
                        total = total.add(price);
                        String code = d.articles() != null && d.articles().containsKey(article)
                                ? d.articles().get(article) : "DEMO-" + article.toUpperCase(java.util.Locale.ROOT);
                        items.add(new PurchaseBodies.BillItem(List.of(new PurchaseBodies.PluId("GLOBAL", code)),
                                article, null,
                                new BigDecimal("21"), BigDecimal.ONE, price, price, String.valueOf(l + 1), false,
                                itemType, null));
                    }
                    // every draw happens whether the purchase exists or not: the same customers get the same bills
                    String time = ApiTime.DATE_TIME.format(LocalDateTime.now(clock).minusDays(1 + random.nextInt(60))
                            .withNano(0));
                    String store = stores.get(random.nextInt(stores.size()));
                    if (repository.billIdExists(billId)) {
                        continue;
                    }
                    List<io.patron.property.PropertyService.PropertyRecordInput> records = new ArrayList<>();
                    if (d.properties() != null) {
                        d.properties().forEach((property, value) -> records.add(
                                new io.patron.property.PropertyService.PropertyRecordInput(property,
                                        tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(value))));
                    }
                    PurchaseBodies.FinalBill bill = new PurchaseBodies.FinalBill(true, purchaseType, false, "A",
                            null, billId, null, time, "demo", currency, total, items, records);
                    purchases.send(DEMO, new PurchaseBodies.SendPurchase(store, 1, null, ids.get(c), bill),
                            new Language("en", "en"));
                }
            }
        }
    }
}
