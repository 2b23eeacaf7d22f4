package io.patron.reward;

import static io.patron.db.Tables.REWARD;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.api.TextLimits;
import io.patron.api.Translations;
import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.config.PatronProperties;
import io.patron.segment.SegmentService;
import io.patron.store.StoreQueries;

/** Writes of rewards through the API: simple rewards and the products a reward applies to. */
@Service
@Transactional
public class RewardService {

    private final RewardRepository repository;
    private final Translations translations;
    private final CatalogQueries catalog;
    private final StoreQueries stores;
    private final SegmentService segments;
    private final PatronProperties patron;
    private final Clock clock;

    RewardService(RewardRepository repository, Translations translations, CatalogQueries catalog,
                  StoreQueries stores, SegmentService segments, PatronProperties patron, Clock clock) {
        this.repository = repository;
        this.translations = translations;
        this.catalog = catalog;
        this.stores = stores;
        this.segments = segments;
        this.patron = patron;
        this.clock = clock;
    }

    /**
     * {@code POST /rewards/actions/create-simple-reward}: a reward of group 4 (simple) whose type is a percentage,
     * a fixed amount off or a fixed price on the whole bill (no product relations), with its stores, segments,
     * validity, voucher validity rule and code generation preference.
     */
    public String createSimple(RewardBodies.SimpleReward r) {
        String at = "simple_reward.";
        List<InvalidParam> errors = new ArrayList<>();
        if (r.code().contains("|") || r.code().contains("-")) {
            errors.add(InvalidParam.of(at + "code", Reason.INVALID_VALUE_FORMAT, r.code(),
                    "The characters | and - are not allowed in a reward code"));
        } else if (TextLimits.problem("code", r.code()).isPresent()) {
            errors.add(InvalidParam.of(at + "code", Reason.INVALID_VALUE_FORMAT, null,
                    TextLimits.problem("code", r.code()).get()));
        } else if (repository.codeTaken(r.code())) {
            errors.add(InvalidParam.of(at + "code", Reason.ALREADY_EXISTS, r.code(), "A reward or voucher has this code"));
        }
        String behaviour = repository.behaviourOfType(r.rewardTypeId()).orElse(null);
        if (behaviour == null) {
            errors.add(InvalidParam.of(at + "reward_type_id", Reason.NOT_FOUND, r.rewardTypeId(), "No such reward type"));
        } else if (!Set.of("percentage", "fixed_amount", "fixed_price").contains(behaviour)) {
            errors.add(InvalidParam.of(at + "reward_type_id", Reason.NOT_ALLOWED_VALUE, r.rewardTypeId(),
                    "A simple reward is a percentage, a fixed amount off or a fixed price"));
        }
        if (r.rewardTypeValue().signum() < 0 || ("percentage".equals(behaviour)
                && r.rewardTypeValue().compareTo(BigDecimal.valueOf(100)) > 0)) {
            errors.add(InvalidParam.of(at + "reward_type_value", Reason.NOT_ALLOWED_VALUE, r.rewardTypeValue(),
                    "A percentage is 0 to 100; an amount or price is not negative"));
        }
        nonNegative(r.pointsCost(), at + "points_cost", errors);
        nonNegative(r.maximumDiscountValue(), at + "maximum_discount_value", errors);
        nonNegative(r.minimumPurchaseValue(), at + "minimum_purchase_value", errors);
        if (r.validDateFrom() != null && r.validDateTo() != null && r.validDateTo().isBefore(r.validDateFrom())) {
            errors.add(InvalidParam.of(at + "valid_date_to", Reason.NOT_ALLOWED_VALUE, r.validDateTo(),
                    "valid_date_to is before valid_date_from"));
        }
        if (!r.globalReward() && (r.partnerId() == null || r.partnerId().isBlank())) {
            errors.add(InvalidParam.of(at + "partner_id", Reason.REQUIRED, null,
                    "A reward that is not global names its partner"));
        }
        if (r.partnerId() != null && !r.partnerId().isBlank()
                && stores.existingPartners(List.of(r.partnerId())).isEmpty()) {
            errors.add(InvalidParam.of(at + "partner_id", Reason.NOT_FOUND, r.partnerId(), "No such partner"));
        }
        VoucherValidity.check(r.voucherValidity(), r.voucherValidityValue(), at + "voucher_validity_value", errors);
        Set<String> storeIds = new LinkedHashSet<>();
        if (r.stores() != null) {
            r.stores().forEach(s -> storeIds.add(s.storeId()));
            Set<String> known = stores.existingStores(storeIds);
            storeIds.stream().filter(s -> !known.contains(s)).forEach(s -> errors.add(
                    InvalidParam.of(at + "stores.store_id", Reason.NOT_FOUND, s, "No such store")));
        }
        Set<String> segmentIds = new LinkedHashSet<>();
        if (r.segments() != null) {
            r.segments().forEach(s -> segmentIds.add(s.segmentId()));
            Set<String> known = segments.existingSegments(segmentIds);
            segmentIds.stream().filter(s -> !known.contains(s)).forEach(s -> errors.add(
                    InvalidParam.of(at + "segments.segment_id", Reason.NOT_FOUND, s, "No such segment")));
        }
        String imageUrls = r.imageUrls() == null ? null : String.join("\n", r.imageUrls().stream()
                .map(RewardBodies.UrlVariant::url).filter(u -> u != null && !u.isBlank()).toList());
        if (imageUrls != null && imageUrls.length() > 4000) {
            errors.add(InvalidParam.of(at + "image_urls", Reason.INVALID_VALUE_FORMAT, null,
                    "The image URLs together are longer than 4000 characters"));
        }
        Map<String, String> names = texts(r.names(), at + "names", errors);
        if (names.isEmpty() && errors.stream().noneMatch(e -> e.name().startsWith(at + "names"))) {
            errors.add(InvalidParam.of(at + "names", Reason.EMPTY, null, "A reward needs a name"));
        }
        Map<String, String> notes = texts(r.notes(), at + "notes", errors);
        Map<String, String> subtitles = texts(r.subtitles(), at + "subtitles", errors);
        Set<String> tagIds = new LinkedHashSet<>();
        if (r.tags() != null) {
            r.tags().stream().filter(t -> t.tagId() != null).forEach(t -> tagIds.add(t.tagId()));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String id = Ids.newId();
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        values.put(REWARD.ID, id);
        values.put(REWARD.CODE, r.code());
        values.put(REWARD.REWARD_GROUP, 4);
        values.put(REWARD.REWARD_TYPE_ID, r.rewardTypeId());
        values.put(REWARD.TYPE_VALUE, r.rewardTypeValue());
        values.put(REWARD.POINTS_COST, r.pointsCost());
        values.put(REWARD.PRIORITY, r.priority() == null ? 5 : r.priority());
        values.put(REWARD.IS_PORTABLE, Boolean.TRUE.equals(r.isPortable()));
        values.put(REWARD.VALID_FROM, r.validDateFrom());
        values.put(REWARD.VALID_TO, r.validDateTo());
        values.put(REWARD.VOUCHER_VALIDITY, r.voucherValidity());
        values.put(REWARD.VOUCHER_VALIDITY_VALUE, r.voucherValidityValue());
        values.put(REWARD.CODE_GENERATION, r.voucherCodeGenerationPreference());
        values.put(REWARD.PARTNER_ID, r.globalReward() ? null : r.partnerId());
        values.put(REWARD.MINIMUM_PURCHASE_VALUE, r.minimumPurchaseValue());
        values.put(REWARD.MAXIMUM_DISCOUNT_VALUE, r.maximumDiscountValue());
        values.put(REWARD.IMAGE_URLS, imageUrls);
        values.put(REWARD.REWARD_EXTERNAL_URL, r.rewardExternalUrls() == null || r.rewardExternalUrls().isEmpty()
                ? null : r.rewardExternalUrls().getFirst().url());
        values.put(REWARD.STATE, r.state());
        values.put(REWARD.CREATED_AT, now);
        values.put(REWARD.LAST_CHANGE, now);
        repository.insertReward(values);
        repository.replaceSet(id, "store", storeIds);
        repository.replaceSet(id, "segment", segmentIds);
        repository.replaceSet(id, "tag", repository.existingTags(tagIds));
        translations.put(RewardQueries.REWARD_NAME, id, names);
        translations.put(RewardQueries.REWARD_NOTE, id, notes);
        translations.put(RewardQueries.REWARD_SUBTITLE, id, subtitles);
        return id;
    }

    private static void nonNegative(BigDecimal value, String param, List<InvalidParam> errors) {
        if (value != null && value.signum() < 0) {
            errors.add(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, value, "Must not be negative"));
        }
    }

    private Map<String, String> texts(List<RewardBodies.TextTranslation> texts, String param,
                                      List<InvalidParam> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        if (texts == null) {
            return out;
        }
        for (int i = 0; i < texts.size(); i++) {
            RewardBodies.TextTranslation t = texts.get(i);
            String item = param + "[" + i + "]";
            if (t.languageCode() == null || t.languageCode().isBlank()) {
                errors.add(InvalidParam.of(item + ".language_code", Reason.REQUIRED, null, "language_code is required"));
                continue;
            }
            if (!patron.languages().contains(t.languageCode())) {
                errors.add(InvalidParam.of(item + ".language_code", Reason.NOT_FOUND, t.languageCode(),
                        "Not a language of the project"));
                continue;
            }
            if (t.text() != null) {
                TextLimits.problem("name", t.text()).ifPresent(p -> errors.add(
                        InvalidParam.of(item + ".text", Reason.INVALID_VALUE_FORMAT, null, p)));
                out.put(t.languageCode(), t.text());
            }
        }
        return out;
    }

    /**
     * {@code POST /rewards/{id}/actions/set-products}: replaces every product relation of the reward (conditions
     * and bonuses on products); its group and brand relations stay. Products are named by id or PLU id.
     */
    public void setProducts(String rewardId, RewardBodies.SetProducts body) {
        if (!repository.rewardExists(rewardId)) {
            throw ApiError.notFound("rewards", rewardId);
        }
        repository.lockReward(rewardId);
        List<InvalidParam> errors = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        body.products().forEach(p -> {
            if (p.productId() != null) {
                ids.add(p.productId());
            }
        });
        Set<String> known = catalog.existingProducts(ids);
        Map<Integer, Set<String>> byRelation = new LinkedHashMap<>();
        for (int i = 0; i < body.products().size(); i++) {
            RewardBodies.ProductLink link = body.products().get(i);
            String at = "products[" + i + "]";
            String productId = link.productId();
            if (productId == null || productId.isBlank()) {
                if (link.pluId() == null || link.pluId().listCode() == null || link.pluId().code() == null) {
                    errors.add(InvalidParam.of(at + ".product_id", Reason.REQUIRED, null,
                            "product_id or plu_id is required"));
                    continue;
                }
                productId = catalog.productIdByPlu(List.of(link.pluId())).orElse(null);
                if (productId == null) {
                    errors.add(InvalidParam.of(at + ".plu_id", Reason.NOT_FOUND, link.pluId().code(),
                            "No product has this PLU id"));
                    continue;
                }
            } else if (!known.contains(productId)) {
                errors.add(InvalidParam.of(at + ".product_id", Reason.NOT_FOUND, productId, "No such product"));
                continue;
            }
            byRelation.computeIfAbsent(link.rewardProductRelationType(), k -> new LinkedHashSet<>()).add(productId);
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        // the counts and price ranges of the product relations stay as configured
        Map<Integer, RewardRepository.RelationRow> current = new HashMap<>();
        repository.relations(List.of(rewardId)).getOrDefault(rewardId, List.of()).stream()
                .filter(r -> r.relatedTo().equals("product")).forEach(r -> current.put(r.relation(), r));
        List<RewardRepository.RelationRow> rows = new ArrayList<>();
        byRelation.forEach((relation, products) -> {
            RewardRepository.RelationRow was = current.get(relation);
            rows.add(new RewardRepository.RelationRow(relation, "product", was == null ? null : was.count(),
                    was == null ? null : was.minPrice(), was == null ? null : was.maxPrice(), products));
        });
        repository.replaceRelations(rewardId, true, rows);
        Map<org.jooq.Field<?>, Object> touched = new HashMap<>();
        touched.put(REWARD.LAST_CHANGE, OffsetDateTime.now(clock));
        repository.updateReward(rewardId, touched);
    }
}
