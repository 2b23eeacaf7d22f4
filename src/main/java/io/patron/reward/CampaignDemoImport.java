package io.patron.reward;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.patron.card.CardQueries;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.PluId;
import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.purchase.PurchaseParticipant;
import io.patron.reference.CurrencyQueries;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.reward.CampaignBodies.CampaignInput;
import io.patron.reward.CampaignBodies.CampaignProductInput;
import io.patron.reward.CampaignBodies.PresentationData;
import io.patron.reward.CampaignBodies.StoreRecordInput;

/**
 * The demo's campaigns with campaign prices, and demo purchases' stamps, through the same services as the API and
 * the checkout. Products are named by PLU id, customers by card number, stores by code, customer types by text id;
 * campaigns and campaign products get stable ids and demo stamps the stable purchase id {@code demo-<key>}, so
 * importing again adds nothing.
 * <pre>
 * demo_campaigns:
 *   - key: summer
 *     name: Summer sale
 *     external_id: SUMMER-2026
 *     products:
 *       - { key: merino, plu: { list_code: GLOBAL, code: "..." }, value: 20, value_type_id: 1, customer_type: private,
 *           currency: CZK, days: 60, display_in: [ web, cash desk ], name: Merino -20 %, stores: [ PRG01 ] }
 * demo_stamps:
 *   - { key: s1, card_number: "2900000000001", store: PRG01, days_ago: 3,
 *       items: [ { plu: { list_code: GLOBAL, code: "..." }, quantity: 2, paid: 1800 } ] }
 * </pre>
 */
@Component
class CampaignDemoImport implements ProjectImport {

    record DemoCampaignProduct(String key, PluId plu, BigDecimal value, Integer valueTypeId, String customerType,
                               String currency, Integer days, List<String> displayIn, String name, String subtitle,
                               List<String> stores) {
    }

    record DemoCampaign(String key, String name, String externalId, List<DemoCampaignProduct> products) {
    }

    record DemoStampItem(PluId plu, BigDecimal quantity, BigDecimal paid) {
    }

    record DemoStamps(String key, String cardNumber, String store, Integer daysAgo, List<DemoStampItem> items) {
    }

    private final CampaignService campaigns;
    private final CampaignRepository repository;
    private final StampCollector stamper;
    private final CatalogQueries catalog;
    private final CardQueries cards;
    private final LookupQueries lookups;
    private final Clock clock;

    CampaignDemoImport(CampaignService campaigns, CampaignRepository repository, StampCollector stamper,
                       CatalogQueries catalog, CardQueries cards, LookupQueries lookups, Clock clock) {
        this.campaigns = campaigns;
        this.repository = repository;
        this.stamper = stamper;
        this.catalog = catalog;
        this.cards = cards;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public void apply(ProjectFile file) {
        LocalDateTime today = LocalDateTime.now(clock).toLocalDate().atStartOfDay();
        for (DemoCampaign c : file.section("demo_campaigns", DemoCampaign.class)) {
            String campaignId = Ids.stable("campaign", c.key());
            if (!repository.campaignExists(campaignId)) {
                campaigns.createCampaign(new CampaignInput(c.externalId(), null, c.name()), campaignId);
            }
            for (DemoCampaignProduct p : c.products() == null ? List.<DemoCampaignProduct>of() : c.products()) {
                String id = Ids.stable("campaign_product", c.key() + "/" + p.key());
                if (repository.lockCampaignProduct(id)) {
                    continue;
                }
                String product = catalog.productIdByPlu(List.of(p.plu())).orElseThrow(() ->
                        new IllegalStateException("demo_campaigns " + c.key() + ": no product " + p.plu()));
                String type = lookups.idOf(LookupKind.CUSTOMER_TYPES, p.customerType() == null ? "private"
                        : p.customerType()).orElseThrow(() -> new IllegalStateException("demo_campaigns " + c.key()
                        + ": no customer type " + p.customerType()));
                int days = p.days() == null ? 90 : p.days();
                campaigns.createCampaignProduct(new CampaignProductInput(product,
                        CurrencyQueries.currencyId(p.currency() == null ? "CZK" : p.currency()), campaignId,
                        p.value(), p.valueTypeId() == null ? 1 : p.valueTypeId(), today.minusDays(1),
                        today.plusDays(days), p.displayIn(), type,
                        new PresentationData(p.name(), p.subtitle(), null, null, null)), id);
                for (String store : p.stores() == null ? List.<String>of() : p.stores()) {
                    campaigns.addStore(id, new StoreRecordInput(Ids.stable("store", store), id));
                }
            }
        }
        for (DemoStamps s : file.section("demo_stamps", DemoStamps.class)) {
            String customer = cards.cardByNumber(s.cardNumber()).map(card -> card.customerId())
                    .orElseThrow(() -> new IllegalStateException("demo_stamps " + s.key() + ": no card "
                            + s.cardNumber()));
            List<PurchaseParticipant.PaidItem> items = new ArrayList<>();
            int line = 0;
            for (DemoStampItem i : s.items()) {
                items.add(new PurchaseParticipant.PaidItem(String.valueOf(++line), catalog.productIdByPlu(
                        List.of(i.plu())).orElseThrow(), i.quantity(), i.paid(), false));
            }
            OffsetDateTime at = OffsetDateTime.now(clock).minusDays(s.daysAgo() == null ? 0 : s.daysAgo());
            stamper.committed(new PurchaseParticipant.Committed("demo-" + s.key(), customer,
                    s.store() == null ? null : Ids.stable("store", s.store()), at, items));
        }
    }
}
