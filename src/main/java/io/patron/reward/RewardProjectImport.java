package io.patron.reward;

import static io.patron.db.Tables.REWARD;
import static io.patron.db.Tables.REWARD_TAG;
import static io.patron.db.Tables.REWARD_TYPE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import io.patron.api.InvalidParam;
import io.patron.api.Translations;
import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImport;
import io.patron.property.PropertyService;
import io.patron.segment.SegmentService;
import io.patron.store.StoreQueries;

/**
 * Imports reward types, reward tags, rewards and reward settings from the project file:
 * <pre>
 * reward_types:                       # a name and the behaviour the checkout applies
 *   - { id: percentage, name: { en: Percentage discount }, behaviour: percentage }
 *     # behaviours: percentage, fixed_amount (off), fixed_price (per unit), free_item, gift_card (a balance)
 * reward_tags:
 *   - { text_id: summer, name: { en: Summer, cs: Léto } }
 * reward_settings:
 *   - custom_vouchers: enabled         # create-custom-voucher (off by default)
 * rewards:
 *   - code: SUMMER10                   # unique; the id is derived from it unless `id` is given
 *     name: { en: 10 % off, cs: Sleva 10 % }      # also note, subtitle
 *     reward_group: 0                  # 0 cash-desk code, 1 catalogue (points_cost), 2 campaign, 4 simple
 *     reward_type: percentage          # a reward type id
 *     value: 10                        # percentage, amount, unit price or gift card balance
 *     points_cost: 200
 *     priority: 3                      # 1 highest
 *     is_automated: false              # true: applies at the checkout without a code
 *     is_portable: false
 *     valid_from: "2026-01-01"         # valid_to; valid_time_from/_to "HH:MM:SS" (a daily window)
 *     voucher_validity: interval       # interval ("30 days"), end_of_time_unit (end_of_month...), reward_validity
 *     voucher_validity_value: 30 days
 *     code_generation: A               # A generated, M given
 *     partner: patron_demo             # partner id or text id; none: global
 *     minimum_purchase_value: 500
 *     maximum_discount_value: 300
 *     limit_total: 100                 # uses (codeless rewards) or vouchers (the others); limit_per_customer
 *     max_vouchers_per_purchase: 1
 *     stores: [ PRG01 ]                # store ids or codes; none: every store
 *     segments: [ ... ]                # segment ids
 *     customer_types: [ ... ]          # customer type ids or text ids (GET /customer-types)
 *     tags: [ summer ]                 # reward tag text ids
 *     image_urls: [ "https://..." ]
 *     reward_external_url: "https://..."
 *     conditions:                      # what the basket must hold
 *       - { related_to: product_group, targets: [ footwear ], count: 2, min_price: 500 }
 *     bonuses:                         # what the discount is on; none: the whole bill
 *       - { related_to: product, targets: [ "100001" ], count: 1 }
 *     # targets: product codes or ids, group and brand external ids or ids
 *     properties: [ { property_id: ..., property_value: ... } ]    # owner "reward"
 * </pre>
 * A bad reference stops the start with the reward named.
 */
@Component
class RewardProjectImport implements ProjectImport {

    record TypeDefinition(String id, Object name, String behaviour, Integer state) {
    }

    record TagDefinition(String textId, Object name, Integer state) {
    }

    record RelationDefinition(String relatedTo, List<String> targets, Integer count, BigDecimal minPrice,
                              BigDecimal maxPrice) {
    }

    record RewardDefinition(String id, String code, Object name, Object note, Object subtitle, Integer rewardGroup,
                            String rewardType, BigDecimal value, BigDecimal pointsCost, Integer priority,
                            Boolean isAutomated, Boolean isPortable, String validFrom, String validTo,
                            String validTimeFrom, String validTimeTo, String voucherValidity,
                            String voucherValidityValue, String codeGeneration, String partner,
                            BigDecimal minimumPurchaseValue, BigDecimal maximumDiscountValue, Integer limitTotal,
                            Integer limitPerCustomer, Integer maxVouchersPerPurchase, List<String> stores,
                            List<String> segments, List<String> customerTypes, List<String> tags,
                            List<String> imageUrls, String rewardExternalUrl, Integer state,
                            List<RelationDefinition> conditions, List<RelationDefinition> bonuses,
                            List<PropertyService.PropertyRecordInput> properties) {
    }

    private final DSLContext dsl;
    private final RewardRepository repository;
    private final Translations translations;
    private final PatronProperties patron;
    private final CatalogQueries catalog;
    private final StoreQueries stores;
    private final SegmentService segments;
    private final PropertyService properties;
    private final io.patron.reference.LookupQueries lookups;
    private final java.time.Clock clock;

    RewardProjectImport(DSLContext dsl, RewardRepository repository, Translations translations,
                        PatronProperties patron, CatalogQueries catalog, StoreQueries stores,
                        SegmentService segments, PropertyService properties,
                        io.patron.reference.LookupQueries lookups, java.time.Clock clock) {
        this.dsl = dsl;
        this.repository = repository;
        this.translations = translations;
        this.patron = patron;
        this.catalog = catalog;
        this.stores = stores;
        this.segments = segments;
        this.properties = properties;
        this.lookups = lookups;
        this.clock = clock;
    }

    /** After the catalogue (50), stores (-40) and segments (100) that rewards name. */
    @Override
    public int order() {
        return 110;
    }

    @Override
    public void apply(ProjectFile file) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        translations.seedMissing(RefusalMessages.ENTITY, RefusalMessages.all());
        int position = 0;
        for (TypeDefinition t : file.section("reward_types", TypeDefinition.class)) {
            position++;
            require(t.id(), "reward_types[].id");
            RewardRules.Behaviour.of(t.behaviour());
            Map<org.jooq.Field<?>, Object> values = new HashMap<>();
            values.put(REWARD_TYPE.BEHAVIOUR, t.behaviour());
            values.put(REWARD_TYPE.POSITION, position);
            values.put(REWARD_TYPE.STATE, t.state() == null ? 1 : t.state());
            values.put(REWARD_TYPE.LAST_CHANGE, now);
            if (dsl.fetchExists(REWARD_TYPE, REWARD_TYPE.ID.eq(t.id()))) {
                dsl.update(REWARD_TYPE).set(values).where(REWARD_TYPE.ID.eq(t.id())).execute();
            } else {
                values.put(REWARD_TYPE.ID, t.id());
                dsl.insertInto(REWARD_TYPE).set(values).execute();
            }
            translations.put(RewardQueries.TYPE_NAME, t.id(), ProjectFile.texts(t.name() == null ? t.id() : t.name(),
                    patron.languages()));
        }
        position = 0;
        for (TagDefinition t : file.section("reward_tags", TagDefinition.class)) {
            position++;
            require(t.textId(), "reward_tags[].text_id");
            String id = Ids.stable("reward_tag", t.textId());
            Map<org.jooq.Field<?>, Object> values = new HashMap<>();
            values.put(REWARD_TAG.TEXT_ID, t.textId());
            values.put(REWARD_TAG.POSITION, position);
            values.put(REWARD_TAG.STATE, t.state() == null ? 1 : t.state());
            values.put(REWARD_TAG.LAST_CHANGE, now);
            if (dsl.fetchExists(REWARD_TAG, REWARD_TAG.ID.eq(id))) {
                dsl.update(REWARD_TAG).set(values).where(REWARD_TAG.ID.eq(id)).execute();
            } else {
                values.put(REWARD_TAG.ID, id);
                dsl.insertInto(REWARD_TAG).set(values).execute();
            }
            translations.put(RewardQueries.TAG_NAME, id, ProjectFile.texts(t.name() == null ? t.textId() : t.name(),
                    patron.languages()));
        }
        for (Map<?, ?> setting : file.section("reward_settings", Map.class)) {
            setting.forEach((k, v) -> repository.putSetting(String.valueOf(k), String.valueOf(v), now));
        }
        for (RewardDefinition r : file.section("rewards", RewardDefinition.class)) {
            importReward(r, file.location(), now);
        }
    }

    private void importReward(RewardDefinition r, String location, OffsetDateTime now) {
        require(r.code(), "rewards[].code");
        String where = "Reward " + r.code() + " of " + location;
        String id = r.id() == null || r.id().isBlank() ? Ids.stable("reward", r.code()) : r.id();
        String behaviour = repository.behaviourOfType(r.rewardType())
                .orElseThrow(() -> new IllegalStateException(where + ": no reward type " + r.rewardType()));
        int group = r.rewardGroup() == null ? 4 : r.rewardGroup();
        if (!Set.of(0, 1, 2, 4).contains(group)) {
            throw new IllegalStateException(where + ": reward_group is 0, 1, 2 or 4");
        }
        String validity = r.voucherValidity() == null ? "reward_validity" : r.voucherValidity();
        List<InvalidParam> errors = new ArrayList<>();
        VoucherValidity.check(validity, r.voucherValidityValue(), "voucher_validity_value", errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(where + ": " + errors);
        }
        String partner = null;
        if (r.partner() != null) {
            partner = resolve(r.partner(), "partner", stores::existingPartners)
                    .orElseThrow(() -> new IllegalStateException(where + ": no partner " + r.partner()));
        }
        Set<String> storeIds = new LinkedHashSet<>();
        for (String s : r.stores() == null ? List.<String>of() : r.stores()) {
            storeIds.add(resolve(s, "store", stores::existingStores)
                    .orElseThrow(() -> new IllegalStateException(where + ": no store " + s)));
        }
        Set<String> segmentIds = new LinkedHashSet<>();
        for (String s : r.segments() == null ? List.<String>of() : r.segments()) {
            segmentIds.add(resolve(s, "segment", segments::existingSegments)
                    .orElseThrow(() -> new IllegalStateException(where + ": no segment " + s)));
        }
        Set<String> customerTypeIds = new LinkedHashSet<>();
        for (String t : r.customerTypes() == null ? List.<String>of() : r.customerTypes()) {
            var kind = io.patron.reference.LookupKind.CUSTOMER_TYPES;
            customerTypeIds.add(lookups.exists(kind, t) ? t : lookups.idOf(kind, t)
                    .orElseThrow(() -> new IllegalStateException(where + ": no customer type " + t)));
        }
        Set<String> tagIds = new LinkedHashSet<>();
        for (String t : r.tags() == null ? List.<String>of() : r.tags()) {
            String tagId = Ids.stable("reward_tag", t);
            if (repository.existingTags(List.of(tagId)).isEmpty()) {
                throw new IllegalStateException(where + ": no reward tag " + t);
            }
            tagIds.add(tagId);
        }
        List<RewardRepository.RelationRow> relations = new ArrayList<>();
        relations(r.conditions(), 0, where, relations);
        relations(r.bonuses(), 1, where, relations);
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        values.put(REWARD.CODE, r.code());
        values.put(REWARD.REWARD_GROUP, group);
        values.put(REWARD.REWARD_TYPE_ID, r.rewardType());
        values.put(REWARD.TYPE_VALUE, r.value() == null ? BigDecimal.ZERO : r.value());
        values.put(REWARD.POINTS_COST, r.pointsCost());
        values.put(REWARD.PRIORITY, r.priority() == null ? 5 : r.priority());
        values.put(REWARD.IS_AUTOMATED, Boolean.TRUE.equals(r.isAutomated()));
        values.put(REWARD.IS_PORTABLE, Boolean.TRUE.equals(r.isPortable()));
        values.put(REWARD.VALID_FROM, r.validFrom() == null ? null : LocalDate.parse(r.validFrom()));
        values.put(REWARD.VALID_TO, r.validTo() == null ? null : LocalDate.parse(r.validTo()));
        values.put(REWARD.VALID_TIME_FROM, r.validTimeFrom() == null ? null : LocalTime.parse(r.validTimeFrom()));
        values.put(REWARD.VALID_TIME_TO, r.validTimeTo() == null ? null : LocalTime.parse(r.validTimeTo()));
        values.put(REWARD.VOUCHER_VALIDITY, validity);
        values.put(REWARD.VOUCHER_VALIDITY_VALUE, r.voucherValidityValue());
        values.put(REWARD.CODE_GENERATION, r.codeGeneration() == null ? "A" : r.codeGeneration());
        values.put(REWARD.PARTNER_ID, partner);
        values.put(REWARD.MINIMUM_PURCHASE_VALUE, r.minimumPurchaseValue());
        values.put(REWARD.MAXIMUM_DISCOUNT_VALUE, r.maximumDiscountValue());
        values.put(REWARD.LIMIT_TOTAL, r.limitTotal());
        values.put(REWARD.LIMIT_PER_CUSTOMER, r.limitPerCustomer());
        values.put(REWARD.MAX_VOUCHERS_PER_PURCHASE, r.maxVouchersPerPurchase());
        values.put(REWARD.IMAGE_URLS, r.imageUrls() == null ? null : String.join("\n", r.imageUrls()));
        values.put(REWARD.REWARD_EXTERNAL_URL, r.rewardExternalUrl());
        values.put(REWARD.STATE, r.state() == null ? 1 : r.state());
        values.put(REWARD.LAST_CHANGE, now);
        if (dsl.fetchExists(REWARD, REWARD.ID.eq(id))) {
            repository.updateReward(id, values);
        } else {
            values.put(REWARD.ID, id);
            values.put(REWARD.CREATED_AT, now);
            repository.insertReward(values);
        }
        repository.replaceSet(id, "store", storeIds);
        repository.replaceSet(id, "segment", segmentIds);
        repository.replaceSet(id, "customer_type", customerTypeIds);
        repository.replaceSet(id, "tag", tagIds);
        repository.replaceRelations(id, false, relations);
        translations.put(RewardQueries.REWARD_NAME, id, ProjectFile.texts(r.name() == null ? r.code() : r.name(),
                patron.languages()));
        if (r.note() != null) {
            translations.put(RewardQueries.REWARD_NOTE, id, ProjectFile.texts(r.note(), patron.languages()));
        }
        if (r.subtitle() != null) {
            translations.put(RewardQueries.REWARD_SUBTITLE, id, ProjectFile.texts(r.subtitle(), patron.languages()));
        }
        if (r.properties() != null && !r.properties().isEmpty()) {
            List<InvalidParam> problems = new ArrayList<>();
            var checked = properties.checker(RewardQueries.REWARD_KIND).check(id, r.properties(), "properties", problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(where + ": invalid properties " + problems);
            }
            Map<String, List<PropertyService.CheckedValue>> byOwner = new HashMap<>();
            byOwner.put(id, checked);
            properties.merge(RewardQueries.REWARD_KIND, byOwner);
        }
    }

    private void relations(List<RelationDefinition> definitions, int relation, String where,
                           List<RewardRepository.RelationRow> out) {
        for (RelationDefinition d : definitions == null ? List.<RelationDefinition>of() : definitions) {
            Set<String> targets = new LinkedHashSet<>();
            for (String t : d.targets() == null ? List.<String>of() : d.targets()) {
                java.util.Optional<String> id = switch (d.relatedTo()) {
                    case "product" -> catalog.existingProducts(List.of(t)).isEmpty() ? catalog.productIdByCode(t)
                            : java.util.Optional.of(t);
                    case "product_group" -> catalog.groupIdByExternalId(t).or(() -> java.util.Optional.of(t)
                            .filter(this::groupExists));
                    case "product_brand" -> catalog.brandIdByExternalId(t).or(() -> java.util.Optional.of(t)
                            .filter(this::brandExists));
                    default -> throw new IllegalStateException(where + ": related_to is product, product_group or "
                            + "product_brand");
                };
                targets.add(id.orElseThrow(() -> new IllegalStateException(where + ": no " + d.relatedTo() + " " + t)));
            }
            out.add(new RewardRepository.RelationRow(relation, d.relatedTo(), d.count(), d.minPrice(), d.maxPrice(),
                    targets));
        }
    }

    private boolean groupExists(String id) {
        try {
            catalog.group(id, new io.patron.api.Language("en", "en"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean brandExists(String id) {
        try {
            catalog.brand(id, new io.patron.api.Language("en", "en"));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** An id as given, or the stable id of a natural key (a store code, a partner text id). */
    private static java.util.Optional<String> resolve(String value, String kind,
                                                      java.util.function.Function<List<String>, Set<String>> existing) {
        if (!existing.apply(List.of(value)).isEmpty()) {
            return java.util.Optional.of(value);
        }
        String stable = Ids.stable(kind, value);
        return existing.apply(List.of(stable)).isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(stable);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Project file: " + what + " is required");
        }
    }
}
