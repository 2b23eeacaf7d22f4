package io.patron.reward;

import static io.patron.db.Tables.STAMPER_CAMPAIGN;
import static io.patron.db.Tables.STAMPER_CHECKPOINT;
import static io.patron.db.Tables.STAMPER_CONDITION;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import io.patron.api.ApiTime;
import io.patron.api.Translations;
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.PluId;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;

/**
 * Imports stamp campaigns from the project file (after the catalogue, whose products, groups and brands the
 * conditions name):
 * <pre>
 * stamper_campaigns:
 *   - id: coffee-card                        # the stamper_campaign_id
 *     name: { en: Coffee card, cs: Kávová karta }
 *     description: { en: Every sixth coffee free }
 *     stamp_count: 6                         # stamps on one card
 *     count_of_campaign_repetitions: 3       # at most 3 cards (none: unlimited)
 *     valid_from: "2026-01-01 00:00:00"      # optional, as valid_to
 *     reward_id: free-coffee                 # unlocked when a card fills up
 *     partner_id: ...                        # optional
 *     conditions:
 *       - id: coffee                         # the stamper_condition_id
 *         description: { en: One stamp per coffee }
 *         products: [ { list_code: GLOBAL, code: "8594000000013" } ]   # PLU ids of products
 *         product_groups: [ apparel-men-tshirts ]                        # external ids of groups
 *         brands: [ basics ]                                             # external ids of brands
 *         count: 1                           # qualifying items per stamp (default 1)
 *         min_item_value: 50                 # least paid per unit (optional)
 *     checkpoints:
 *       - { id: coffee-halfway, stamp_number: 3, reward_id: free-cookie, description: { en: Halfway bonus } }
 * </pre>
 * An item qualifies for a condition when its product is one of the products, in one of the groups (directly) or of
 * one of the brands; a condition that names none of them takes every product. Conditions and checkpoints left out
 * of the file become inactive (state 0); stamps already collected stay.
 */
@Component
class StampProjectImport implements ProjectImport {

    static final String CAMPAIGN_NAME = "stamper_campaign.name";
    static final String CAMPAIGN_DESCRIPTION = "stamper_campaign.description";
    static final String CONDITION_DESCRIPTION = "stamper_condition.description";
    static final String CHECKPOINT_DESCRIPTION = "stamper_checkpoint.description";

    record ConditionDefinition(String id, Object description, List<PluId> products, List<String> productGroups,
                               List<String> brands, Integer count, BigDecimal minItemValue) {
    }

    record CheckpointDefinition(String id, Object description, Integer stampNumber, String rewardId) {
    }

    record CampaignDefinition(String id, Object name, Object description, Integer stampCount,
                              Integer countOfCampaignRepetitions, String validFrom, String validTo, String rewardId,
                              String partnerId, Integer state, List<ConditionDefinition> conditions,
                              List<CheckpointDefinition> checkpoints) {
    }

    private final DSLContext dsl;
    private final Translations translations;
    private final PatronProperties patron;
    private final CatalogQueries catalog;
    private final Clock clock;

    StampProjectImport(DSLContext dsl, Translations translations, PatronProperties patron, CatalogQueries catalog,
                       Clock clock) {
        this.dsl = dsl;
        this.translations = translations;
        this.patron = patron;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 120;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int position = 0;
        for (CampaignDefinition c : file.section("stamper_campaigns", CampaignDefinition.class)) {
            String where = "stamper_campaigns[" + position + "]";
            if (c.id() == null || c.id().isBlank()) {
                throw new IllegalStateException(where + ".id is required");
            }
            if (c.stampCount() == null || c.stampCount() < 1) {
                throw new IllegalStateException("Stamper campaign " + c.id() + ": stamp_count must be at least 1");
            }
            if (c.countOfCampaignRepetitions() != null && c.countOfCampaignRepetitions() < 1) {
                throw new IllegalStateException("Stamper campaign " + c.id()
                        + ": count_of_campaign_repetitions must be at least 1");
            }
            position++;
            Map<Field<?>, Object> values = new HashMap<>();
            values.put(STAMPER_CAMPAIGN.PARTNER_ID, c.partnerId());
            values.put(STAMPER_CAMPAIGN.VALID_FROM, at(c.validFrom()));
            values.put(STAMPER_CAMPAIGN.VALID_TO, at(c.validTo()));
            values.put(STAMPER_CAMPAIGN.STAMP_COUNT, c.stampCount());
            values.put(STAMPER_CAMPAIGN.COUNT_OF_CAMPAIGN_REPETITIONS, c.countOfCampaignRepetitions());
            values.put(STAMPER_CAMPAIGN.REWARD_ID, c.rewardId());
            values.put(STAMPER_CAMPAIGN.STATE, c.state() == null ? 1 : c.state());
            values.put(STAMPER_CAMPAIGN.POSITION, position);
            values.put(STAMPER_CAMPAIGN.LAST_CHANGE, now);
            if (dsl.fetchExists(STAMPER_CAMPAIGN, STAMPER_CAMPAIGN.ID.eq(c.id()))) {
                dsl.update(STAMPER_CAMPAIGN).set(values).where(STAMPER_CAMPAIGN.ID.eq(c.id())).execute();
            } else {
                values.put(STAMPER_CAMPAIGN.ID, c.id());
                values.put(STAMPER_CAMPAIGN.CREATED_AT, now);
                dsl.insertInto(STAMPER_CAMPAIGN).set(values).execute();
            }
            translations.put(CAMPAIGN_NAME, c.id(), ProjectFile.texts(c.name() == null ? c.id() : c.name(),
                    patron.languages()));
            if (c.description() != null) {
                translations.put(CAMPAIGN_DESCRIPTION, c.id(), ProjectFile.texts(c.description(), patron.languages()));
            }
            importConditions(c);
            importCheckpoints(c);
        }
    }

    private void importConditions(CampaignDefinition c) {
        List<String> ids = new ArrayList<>();
        int position = 0;
        for (ConditionDefinition d : c.conditions() == null ? List.<ConditionDefinition>of() : c.conditions()) {
            if (d.id() == null || d.id().isBlank()) {
                throw new IllegalStateException("Stamper campaign " + c.id() + ": every condition needs an id");
            }
            if (d.count() != null && d.count() < 1) {
                throw new IllegalStateException("Stamper condition " + d.id() + ": count must be at least 1");
            }
            position++;
            ids.add(d.id());
            List<String> products = new ArrayList<>();
            for (PluId plu : d.products() == null ? List.<PluId>of() : d.products()) {
                products.add(catalog.productIdByPlu(List.of(plu)).orElseThrow(() -> new IllegalStateException(
                        "Stamper condition " + d.id() + ": no product has the PLU " + plu)));
            }
            List<String> groups = new ArrayList<>();
            for (String external : d.productGroups() == null ? List.<String>of() : d.productGroups()) {
                groups.add(catalog.groupIdByExternalId(external).orElseThrow(() -> new IllegalStateException(
                        "Stamper condition " + d.id() + ": no product group has the external id " + external)));
            }
            List<String> brands = new ArrayList<>();
            for (String external : d.brands() == null ? List.<String>of() : d.brands()) {
                brands.add(catalog.brandIdByExternalId(external).orElseThrow(() -> new IllegalStateException(
                        "Stamper condition " + d.id() + ": no product brand has the external id " + external)));
            }
            Map<Field<?>, Object> values = new HashMap<>();
            values.put(STAMPER_CONDITION.STAMPER_CAMPAIGN_ID, c.id());
            values.put(STAMPER_CONDITION.POSITION, position);
            values.put(STAMPER_CONDITION.PRODUCT_IDS, joined(products));
            values.put(STAMPER_CONDITION.PRODUCT_GROUP_IDS, joined(groups));
            values.put(STAMPER_CONDITION.BRAND_IDS, joined(brands));
            values.put(STAMPER_CONDITION.ITEM_COUNT, d.count() == null ? 1 : d.count());
            values.put(STAMPER_CONDITION.MIN_ITEM_VALUE, d.minItemValue());
            values.put(STAMPER_CONDITION.STATE, 1);
            if (dsl.fetchExists(STAMPER_CONDITION, STAMPER_CONDITION.ID.eq(d.id()))) {
                dsl.update(STAMPER_CONDITION).set(values).where(STAMPER_CONDITION.ID.eq(d.id())).execute();
            } else {
                values.put(STAMPER_CONDITION.ID, d.id());
                dsl.insertInto(STAMPER_CONDITION).set(values).execute();
            }
            if (d.description() != null) {
                translations.put(CONDITION_DESCRIPTION, d.id(), ProjectFile.texts(d.description(),
                        patron.languages()));
            }
        }
        dsl.update(STAMPER_CONDITION).set(STAMPER_CONDITION.STATE, 0)
                .where(STAMPER_CONDITION.STAMPER_CAMPAIGN_ID.eq(c.id()))
                .and(ids.isEmpty() ? org.jooq.impl.DSL.noCondition() : STAMPER_CONDITION.ID.notIn(ids)).execute();
    }

    private void importCheckpoints(CampaignDefinition c) {
        List<String> ids = new ArrayList<>();
        int position = 0;
        for (CheckpointDefinition d : c.checkpoints() == null ? List.<CheckpointDefinition>of() : c.checkpoints()) {
            if (d.id() == null || d.id().isBlank() || d.stampNumber() == null || d.stampNumber() < 1
                    || d.stampNumber() > c.stampCount()) {
                throw new IllegalStateException("Stamper campaign " + c.id()
                        + ": a checkpoint needs an id and a stamp_number between 1 and stamp_count");
            }
            position++;
            ids.add(d.id());
            Map<Field<?>, Object> values = new HashMap<>();
            values.put(STAMPER_CHECKPOINT.STAMPER_CAMPAIGN_ID, c.id());
            values.put(STAMPER_CHECKPOINT.STAMP_NUMBER, d.stampNumber());
            values.put(STAMPER_CHECKPOINT.REWARD_ID, d.rewardId());
            values.put(STAMPER_CHECKPOINT.POSITION, position);
            values.put(STAMPER_CHECKPOINT.STATE, 1);
            if (dsl.fetchExists(STAMPER_CHECKPOINT, STAMPER_CHECKPOINT.ID.eq(d.id()))) {
                dsl.update(STAMPER_CHECKPOINT).set(values).where(STAMPER_CHECKPOINT.ID.eq(d.id())).execute();
            } else {
                values.put(STAMPER_CHECKPOINT.ID, d.id());
                dsl.insertInto(STAMPER_CHECKPOINT).set(values).execute();
            }
            if (d.description() != null) {
                translations.put(CHECKPOINT_DESCRIPTION, d.id(), ProjectFile.texts(d.description(),
                        patron.languages()));
            }
        }
        dsl.update(STAMPER_CHECKPOINT).set(STAMPER_CHECKPOINT.STATE, 0)
                .where(STAMPER_CHECKPOINT.STAMPER_CAMPAIGN_ID.eq(c.id()))
                .and(ids.isEmpty() ? org.jooq.impl.DSL.noCondition() : STAMPER_CHECKPOINT.ID.notIn(ids)).execute();
    }

    private static String joined(List<String> ids) {
        return ids.isEmpty() ? null : String.join(",", ids);
    }

    private OffsetDateTime at(String text) {
        return text == null ? null : ApiTime.parseDateTime(text, clock.getZone()).atZone(clock.getZone())
                .toOffsetDateTime();
    }
}
