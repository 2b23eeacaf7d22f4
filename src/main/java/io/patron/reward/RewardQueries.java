package io.patron.reward;

import static io.patron.api.Filters.BOOL;
import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.REWARD;
import static io.patron.db.Tables.REWARD_CUSTOMER_TYPE;
import static io.patron.db.Tables.REWARD_RELATION_TARGET;
import static io.patron.db.Tables.REWARD_SEGMENT;
import static io.patron.db.Tables.REWARD_STORE;
import static io.patron.db.Tables.REWARD_TAG;
import static io.patron.db.Tables.REWARD_TAG_RECORD;
import static io.patron.db.Tables.REWARD_TYPE;
import static io.patron.db.Tables.VOUCHER;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiRequest;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.catalog.CatalogQueries;
import io.patron.customer.CustomerService;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.property.PropertyService;
import io.patron.property.PropertyService.PropertyRecord;
import io.patron.reward.RewardBodies.Relation;
import io.patron.reward.RewardBodies.Reward;
import io.patron.reward.RewardBodies.Voucher;
import io.patron.segment.SegmentService;
import io.patron.store.StoreQueries;

/**
 * Reads of rewards (with their stores, relations, tags and property records), reward types and tags, vouchers and
 * the deterministic reward recommendations.
 */
@Service
@Transactional(readOnly = true)
public class RewardQueries {

    static final String REWARD_KIND = "reward";
    static final String VOUCHER_KIND = "voucher";
    static final String REWARD_NAME = "reward.name";
    static final String REWARD_NOTE = "reward.note";
    static final String REWARD_SUBTITLE = "reward.subtitle";
    static final String TYPE_NAME = "reward_type.name";
    static final String TAG_NAME = "reward_tag.name";

    private final ListQueries lists;
    private final RewardRepository repository;
    private final StoreQueries stores;
    private final CatalogQueries catalog;
    private final PropertyService properties;
    private final CustomerService customers;
    private final SegmentService segments;
    private final CustomerTypes customerTypes;
    private final LoyaltyLedger ledger;
    private final Clock clock;

    RewardQueries(ListQueries lists, RewardRepository repository, StoreQueries stores, CatalogQueries catalog,
                  PropertyService properties, CustomerService customers, SegmentService segments,
                  CustomerTypes customerTypes, LoyaltyLedger ledger, Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.stores = stores;
        this.catalog = catalog;
        this.properties = properties;
        this.customers = customers;
        this.segments = segments;
        this.customerTypes = customerTypes;
        this.ledger = ledger;
        this.clock = clock;
    }

    // --- rewards ---------------------------------------------------------------------------------

    private ListSpec<Reward> rewardSpec(Language language) {
        return ListSpec.<Reward>from(REWARD)
                .id("reward_id", REWARD.ID)
                .field("code", REWARD.CODE, EQ)
                .field("name", Translations.text(REWARD_NAME, REWARD.ID, language), CONTAINS)
                .field("note", Translations.text(REWARD_NOTE, REWARD.ID, language))
                .field("subtitle", Translations.text(REWARD_SUBTITLE, REWARD.ID, language))
                .field("points_cost", REWARD.POINTS_COST)
                .field("valid_time_from", REWARD.VALID_TIME_FROM)
                .field("valid_time_to", REWARD.VALID_TIME_TO)
                .field("reward_group", REWARD.REWARD_GROUP, Filters.oneOf(0, 1, 2, 4))
                .field("reward_type_id", REWARD.REWARD_TYPE_ID, EQ)
                .field("priority", REWARD.PRIORITY)
                .field("reward_external_url", REWARD.REWARD_EXTERNAL_URL)
                .field("is_automated", REWARD.IS_AUTOMATED, BOOL)
                .field("last_change", ApiTime.local(REWARD.LAST_CHANGE, clock))
                .field("state", REWARD.STATE)
                .column("image_urls", REWARD.IMAGE_URLS)
                .filter("partner_id", partner -> REWARD.PARTNER_ID.eq(partner).or(REWARD.PARTNER_ID.isNull()))
                .filterIn("customer_type_id", types -> exists(selectOne().from(REWARD_CUSTOMER_TYPE)
                        .where(REWARD_CUSTOMER_TYPE.REWARD_ID.eq(REWARD.ID))
                        .and(REWARD_CUSTOMER_TYPE.CUSTOMER_TYPE_ID.in(types))))
                .filterIn("tag_ids", tags -> exists(selectOne().from(REWARD_TAG_RECORD)
                        .where(REWARD_TAG_RECORD.REWARD_ID.eq(REWARD.ID)).and(REWARD_TAG_RECORD.TAG_ID.in(tags))))
                .filter("store_id", store -> availableIn(store))
                .map(r -> new Reward(r.get("reward_id", String.class), r.get("code", String.class),
                        r.get("name", String.class), r.get("note", String.class), r.get("subtitle", String.class),
                        plain(r.get("points_cost", BigDecimal.class)), r.get("valid_time_from", LocalTime.class),
                        r.get("valid_time_to", LocalTime.class), r.get("reward_group", Integer.class),
                        r.get("reward_type_id", String.class), List.of(), List.of(), r.get("priority", Integer.class),
                        urls(r.get("image_urls", String.class)), r.get("reward_external_url", String.class),
                        false, false, false, false, false, false, List.of(), List.of(),
                        r.get("is_automated", Boolean.class), List.of(), r.get("last_change", LocalDateTime.class),
                        r.get("state", Integer.class)));
    }

    /** A reward without stores is available in every store. */
    private static Condition availableIn(String storeId) {
        return notExists(selectOne().from(REWARD_STORE).where(REWARD_STORE.REWARD_ID.eq(REWARD.ID)))
                .or(exists(selectOne().from(REWARD_STORE).where(REWARD_STORE.REWARD_ID.eq(REWARD.ID))
                        .and(REWARD_STORE.STORE_ID.eq(storeId))));
    }

    /** The validity filters shared by the reward lists: {@code is_valid}, {@code valid_from}, {@code valid_to}. */
    private Condition validity(Filters filters) {
        List<InvalidParam> errors = new ArrayList<>();
        Boolean valid = filters.query().bool("is_valid", errors);
        LocalDate from = date(filters, "valid_from", errors);
        LocalDate to = date(filters, "valid_to", errors);
        errors.forEach(filters::error);
        LocalDate today = LocalDate.now(clock);
        Condition condition = DSL.noCondition();
        Condition inRange = REWARD.VALID_FROM.isNull().or(REWARD.VALID_FROM.le(today))
                .and(REWARD.VALID_TO.isNull().or(REWARD.VALID_TO.ge(today)));
        if (valid != null) {
            condition = condition.and(valid ? inRange : DSL.not(inRange));
        }
        if (from != null) {
            condition = condition.and(REWARD.VALID_TO.isNull().or(REWARD.VALID_TO.ge(from)));
        }
        if (to != null) {
            condition = condition.and(REWARD.VALID_FROM.isNull().or(REWARD.VALID_FROM.le(to)));
        }
        return condition;
    }

    private static LocalDate date(Filters filters, String param, List<InvalidParam> errors) {
        String text = filters.query().string(param);
        if (text == null) {
            return null;
        }
        try {
            return ApiTime.parseDate(text);
        } catch (java.time.DateTimeException e) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, text, ApiTime.DATE_FORMS));
            return null;
        }
    }

    /** {@code GET /rewards}: the rewards that are not deleted, with every filter of the contract. */
    public Page<Reward> rewards(ListParams params, Language language) {
        Filters filters = params.filters();
        Condition validity = validity(filters);
        Page<Reward> page = lists.page(rewardSpec(language), params,
                REWARD.STATE.ne(0).and(validity).and(filters.condition()));
        return new Page<>(complete(page.items(), language, withoutStores(params)), page.totalItems());
    }

    public Reward reward(String id, Language language) {
        Reward reward = lists.one(rewardSpec(language), REWARD.ID.eq(id).and(REWARD.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("rewards", id));
        return complete(List.of(reward), language, false).getFirst();
    }

    /** The reward must exist (not deleted), else 404. */
    void requireReward(String id) {
        if (!repository.rewardExists(id)) {
            throw ApiError.notFound("rewards", id);
        }
    }

    /**
     * What a customer may use or buy: active rewards within their validity whose segments (if any) include the
     * customer and whose customer types (if any) include the customer's type ({@link CustomerTypes}).
     */
    private Condition forCustomer(String customerId) {
        Set<String> memberOf = segments.segmentsOf(customerId);
        Set<String> types = customerTypes.of(customerId, repository.restrictingCustomerTypes());
        LocalDate today = LocalDate.now(clock);
        return REWARD.STATE.eq(1)
                .and(REWARD.VALID_FROM.isNull().or(REWARD.VALID_FROM.le(today)))
                .and(REWARD.VALID_TO.isNull().or(REWARD.VALID_TO.ge(today)))
                .and(notExists(selectOne().from(REWARD_SEGMENT).where(REWARD_SEGMENT.REWARD_ID.eq(REWARD.ID)))
                        .or(memberOf.isEmpty() ? DSL.falseCondition() : exists(selectOne().from(REWARD_SEGMENT)
                                .where(REWARD_SEGMENT.REWARD_ID.eq(REWARD.ID))
                                .and(REWARD_SEGMENT.SEGMENT_ID.in(memberOf)))))
                .and(notExists(selectOne().from(REWARD_CUSTOMER_TYPE)
                        .where(REWARD_CUSTOMER_TYPE.REWARD_ID.eq(REWARD.ID)))
                        .or(types.isEmpty() ? DSL.falseCondition() : exists(selectOne().from(REWARD_CUSTOMER_TYPE)
                                .where(REWARD_CUSTOMER_TYPE.REWARD_ID.eq(REWARD.ID))
                                .and(REWARD_CUSTOMER_TYPE.CUSTOMER_TYPE_ID.in(types)))));
    }

    private void requireCustomer(Caller caller, String customerId, String param, boolean path) {
        CustomerScope.requireAccess(caller, customerId, param);
        if (!customers.exists(customerId)) {
            if (path) {
                throw ApiError.notFound("customers", customerId);
            }
            throw ApiError.badRequest(param, Reason.NOT_FOUND, "No such customer");
        }
    }

    /** {@code GET /customers/{customer_id}/rewards}: the rewards the customer may use or buy now. */
    public Page<Reward> customerRewards(String customerId, ListParams params, Language language) {
        requireCustomer(ApiRequest.caller(params.request()), customerId, "customer_id", true);
        Filters filters = params.filters();
        Condition validity = validity(filters);
        Page<Reward> page = lists.page(rewardSpec(language), params,
                forCustomer(customerId).and(validity).and(filters.condition()));
        return new Page<>(complete(page.items(), language, withoutStores(params)), page.totalItems());
    }

    /**
     * Reward recommendations, a documented deterministic ranking while no model is trained: among the rewards the
     * customer may use or buy now (and the call's filters), first those the customer can afford with their
     * spendable points of the default point type (no points cost counts as affordable), then by priority (1
     * first), then the cheaper in points, then by id.
     */
    public Page<Reward> recommendations(String customerId, boolean path, ListParams params, Language language) {
        String param = "customer_id";
        if (customerId == null || customerId.isBlank()) {
            // named together with every other bad parameter of the call
            List<InvalidParam> errors = new ArrayList<>();
            errors.add(InvalidParam.of(param, Reason.REQUIRED, "customer_id is required"));
            io.patron.api.QueryParams query = new io.patron.api.QueryParams(params.request());
            for (String flag : List.of("is_valid", "is_automated", "without_stores")) {
                query.bool(flag, errors);
            }
            Integer group = query.integer("reward_group", errors);
            if (group != null && !List.of(0, 1, 2, 4).contains(group)) {
                errors.add(InvalidParam.of("reward_group", Reason.NOT_ALLOWED_VALUE, group,
                        "reward_group must be one of [0, 1, 2, 4]"));
            }
            Filters dates = params.filters();
            date(dates, "valid_from", errors);
            date(dates, "valid_to", errors);
            throw ApiError.badRequest(errors);
        }
        requireCustomer(ApiRequest.caller(params.request()), customerId, param, path);
        BigDecimal spendable = ledger.defaultPointTypeId()
                .map(type -> ledger.pointBalance(customerId, type).spendable()).orElse(BigDecimal.ZERO);
        Filters filters = params.filters();
        Condition validity = validity(filters);
        Field<Integer> affordable = DSL.when(REWARD.POINTS_COST.isNull().or(REWARD.POINTS_COST.le(spendable)),
                DSL.inline(0)).otherwise(DSL.inline(1));
        ListSpec<Reward> spec = rewardSpec(language)
                .defaultOrder(affordable, REWARD.PRIORITY, DSL.coalesce(REWARD.POINTS_COST, BigDecimal.ZERO));
        ListParams unsorted = new ListParams(params.count(), params.offset(), null, false, params.request());
        Page<Reward> page = lists.page(spec, unsorted, forCustomer(customerId).and(validity).and(filters.condition()));
        return new Page<>(complete(page.items(), language, withoutStores(params)), page.totalItems());
    }

    private static boolean withoutStores(ListParams params) {
        return Boolean.TRUE.equals(new io.patron.api.QueryParams(params.request()).bool("without_stores"));
    }

    /** Adds stores, property records, relations and tags to a page of rewards with one query per part. */
    List<Reward> complete(List<Reward> rewards, Language language, boolean withoutStores) {
        if (rewards.isEmpty()) {
            return rewards;
        }
        List<String> ids = rewards.stream().map(Reward::rewardId).toList();
        Map<String, Set<String>> storeIds = repository.stores(ids);
        Map<String, StoreQueries.Store> storesById = new HashMap<>();
        if (!withoutStores) {
            Set<String> all = new LinkedHashSet<>();
            storeIds.values().forEach(all::addAll);
            stores.storesIn(all, language).forEach(s -> storesById.put(s.storeId(), s));
        }
        Map<String, List<PropertyRecord>> records = properties.recordsOf(REWARD_KIND, ids, language);
        Map<String, List<RewardRepository.RelationRow>> relations = repository.relations(ids);
        Map<String, Set<String>> tagIds = repository.tags(ids);
        Map<String, RewardBodies.Tag> tags = new HashMap<>();
        Set<String> allTags = new LinkedHashSet<>();
        tagIds.values().forEach(allTags::addAll);
        if (!allTags.isEmpty()) {
            lists.all(tagSpec(language), REWARD_TAG.ID.in(allTags)).forEach(t -> tags.put(t.tagId(), t));
        }
        List<Reward> out = new ArrayList<>();
        for (Reward r : rewards) {
            List<StoreQueries.Store> storeList = withoutStores ? List.of()
                    : storeIds.getOrDefault(r.rewardId(), Set.of()).stream().map(storesById::get)
                            .filter(java.util.Objects::nonNull).toList();
            List<RewardRepository.RelationRow> rel = relations.getOrDefault(r.rewardId(), List.of());
            List<Relation> conditions = rel.stream().filter(x -> x.relation() == 0)
                    .map(x -> new Relation(x.relatedTo(), x.count(), plain(x.minPrice()), plain(x.maxPrice()))).toList();
            List<Relation> bonuses = rel.stream().filter(x -> x.relation() == 1)
                    .map(x -> new Relation(x.relatedTo(), x.count(), plain(x.minPrice()), plain(x.maxPrice()))).toList();
            out.add(new Reward(r.rewardId(), r.code(), r.name(), r.note(), r.subtitle(), r.pointsCost(),
                    r.validTimeFrom(), r.validTimeTo(), r.rewardGroup(), r.rewardTypeId(), storeList,
                    records.getOrDefault(r.rewardId(), List.of()), r.priority(), r.imageUrls(), r.rewardExternalUrl(),
                    has(conditions, "product"), has(conditions, "product_group"), has(conditions, "product_brand"),
                    has(bonuses, "product"), has(bonuses, "product_group"), has(bonuses, "product_brand"),
                    conditions, bonuses, r.isAutomated(),
                    tagIds.getOrDefault(r.rewardId(), Set.of()).stream().map(tags::get)
                            .filter(java.util.Objects::nonNull).toList(),
                    r.lastChange(), r.state()));
        }
        return out;
    }

    private static boolean has(List<Relation> relations, String relatedTo) {
        return relations.stream().anyMatch(r -> r.relatedTo().equals(relatedTo));
    }

    // --- reward sub-resources --------------------------------------------------------------------

    /** The relation filter of the product, group and brand lists: {@code condition}, {@code bonus} or both. */
    private Integer relationFilter(ListParams params) {
        List<InvalidParam> errors = new ArrayList<>();
        String type = new io.patron.api.QueryParams(params.request())
                .oneOf("reward_product_relation_type", errors, "condition", "bonus");
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return type == null ? null : type.equals("condition") ? 0 : 1;
    }

    private java.util.function.Function<Field<String>, Condition> related(String rewardId, String relatedTo,
                                                                        Integer relation) {
        return id -> id.in(DSL.select(REWARD_RELATION_TARGET.TARGET_ID).from(REWARD_RELATION_TARGET)
                .where(REWARD_RELATION_TARGET.REWARD_ID.eq(rewardId))
                .and(REWARD_RELATION_TARGET.RELATED_TO.eq(relatedTo))
                .and(relation == null ? DSL.noCondition() : REWARD_RELATION_TARGET.RELATION.eq(relation)));
    }

    /** For each target of the reward's relations of one kind: the relation types it is part of. */
    private Map<String, List<String>> relationTypes(String rewardId, String relatedTo) {
        Map<String, List<String>> out = new HashMap<>();
        repository.relations(List.of(rewardId)).getOrDefault(rewardId, List.of()).stream()
                .filter(r -> r.relatedTo().equals(relatedTo))
                .forEach(r -> r.targets().forEach(t -> out.computeIfAbsent(t, k -> new ArrayList<>())
                        .add(r.relation() == 0 ? "condition" : "bonus")));
        return out;
    }

    private Integer conditionCount(String rewardId) {
        return repository.relations(List.of(rewardId)).getOrDefault(rewardId, List.of()).stream()
                .filter(r -> r.relation() == 0 && r.relatedTo().equals("product")).map(r -> r.count() == null ? 1
                        : r.count()).findFirst().orElse(null);
    }

    public Page<RewardBodies.RewardProduct> products(String rewardId, ListParams params, Language language) {
        requireReward(rewardId);
        Integer relation = relationFilter(params);
        Page<io.patron.catalog.Product> page = catalog.products(params, language, related(rewardId, "product", relation));
        Map<String, List<String>> types = relationTypes(rewardId, "product");
        Integer count = conditionCount(rewardId);
        return new Page<>(page.items().stream().map(p -> new RewardBodies.RewardProduct(p,
                types.getOrDefault(p.productId(), List.of()).contains("condition") ? count : null,
                types.getOrDefault(p.productId(), List.of()))).toList(), page.totalItems());
    }

    public Page<RewardBodies.RewardProductGroup> productGroups(String rewardId, ListParams params, Language language) {
        requireReward(rewardId);
        Integer relation = relationFilter(params);
        var page = catalog.groups(params, language, related(rewardId, "product_group", relation));
        Map<String, List<String>> types = relationTypes(rewardId, "product_group");
        return new Page<>(page.items().stream().map(g -> new RewardBodies.RewardProductGroup(g,
                types.getOrDefault(g.productGroupId(), List.of()))).toList(), page.totalItems());
    }

    public Page<RewardBodies.RewardProductBrand> productBrands(String rewardId, ListParams params, Language language) {
        requireReward(rewardId);
        Integer relation = relationFilter(params);
        var page = catalog.brands(params, language, related(rewardId, "product_brand", relation));
        Map<String, List<String>> types = relationTypes(rewardId, "product_brand");
        return new Page<>(page.items().stream().map(b -> new RewardBodies.RewardProductBrand(b,
                types.getOrDefault(b.productBrandId(), List.of()))).toList(), page.totalItems());
    }

    /** The stores where the reward can be used; a reward without stores lists every store. */
    public Page<StoreQueries.Store> stores(String rewardId, ListParams params, Language language) {
        requireReward(rewardId);
        boolean restricted = !repository.stores(List.of(rewardId)).isEmpty();
        return stores.stores(params, language, id -> !restricted ? DSL.noCondition()
                : id.in(DSL.select(REWARD_STORE.STORE_ID).from(REWARD_STORE).where(REWARD_STORE.REWARD_ID.eq(rewardId))));
    }

    // --- tags and types --------------------------------------------------------------------------

    private ListSpec<RewardBodies.Tag> tagSpec(Language language) {
        return ListSpec.<RewardBodies.Tag>from(REWARD_TAG)
                .id("tag_id", REWARD_TAG.ID)
                .field("name", DSL.coalesce(Translations.text(TAG_NAME, REWARD_TAG.ID, language), REWARD_TAG.TEXT_ID),
                        CONTAINS)
                .field("text_id", REWARD_TAG.TEXT_ID, EQ)
                .field("state", REWARD_TAG.STATE)
                .field("last_change", ApiTime.local(REWARD_TAG.LAST_CHANGE, clock))
                .defaultOrder(REWARD_TAG.POSITION)
                .map(r -> new RewardBodies.Tag(r.get("tag_id", String.class), r.get("name", String.class),
                        r.get("text_id", String.class), r.get("state", Integer.class),
                        r.get("last_change", LocalDateTime.class)));
    }

    public Page<RewardBodies.Tag> tags(ListParams params, Language language) {
        return lists.page(tagSpec(language), params, REWARD_TAG.STATE.ne(0));
    }

    private ListSpec<RewardBodies.RewardTypeInfo> typeSpec(Language language) {
        return ListSpec.<RewardBodies.RewardTypeInfo>from(REWARD_TYPE)
                .id("reward_type_id", REWARD_TYPE.ID)
                .field("name", DSL.coalesce(Translations.text(TYPE_NAME, REWARD_TYPE.ID, language), REWARD_TYPE.ID),
                        CONTAINS)
                .field("last_change", ApiTime.local(REWARD_TYPE.LAST_CHANGE, clock))
                .defaultOrder(REWARD_TYPE.POSITION)
                .map(r -> new RewardBodies.RewardTypeInfo(r.get("reward_type_id", String.class),
                        r.get("name", String.class), r.get("last_change", LocalDateTime.class)));
    }

    public Page<RewardBodies.RewardTypeInfo> types(ListParams params, Language language) {
        return lists.page(typeSpec(language), params, REWARD_TYPE.STATE.ne(0));
    }

    public RewardBodies.RewardTypeInfo type(String id, Language language) {
        return lists.one(typeSpec(language), REWARD_TYPE.ID.eq(id).and(REWARD_TYPE.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("reward-types", id));
    }

    public Page<PropertyService.Property> rewardProperties(ListParams params, Language language) {
        return properties.definitions(REWARD_KIND, params, language);
    }

    public PropertyService.Property rewardProperty(String id, Language language) {
        return properties.definition(REWARD_KIND, "reward-properties", id, language);
    }

    public Page<PropertyService.Property> voucherProperties(ListParams params, Language language) {
        return properties.definitions(VOUCHER_KIND, params, language);
    }

    public PropertyService.Property voucherProperty(String id, Language language) {
        return properties.definition(VOUCHER_KIND, "voucher-properties", id, language);
    }

    // --- vouchers --------------------------------------------------------------------------------

    private ListSpec<Voucher> voucherSpec() {
        return ListSpec.<Voucher>from(VOUCHER.join(REWARD).on(REWARD.ID.eq(VOUCHER.REWARD_ID)))
                .id("voucher_id", VOUCHER.ID)
                .field("customer_id", VOUCHER.CUSTOMER_ID, EQ)
                .field("store_id", VOUCHER.STORE_ID)
                .field("code", VOUCHER.CODE, EQ)
                .field("value", DSL.coalesce(VOUCHER.VOUCHER_VALUE, VOUCHER.CUSTOM_VALUE, VOUCHER.BALANCE))
                .field("applied_date", ApiTime.local(VOUCHER.APPLIED_AT, clock))
                .field("valid_from", ApiTime.local(VOUCHER.VALID_FROM, clock))
                .field("valid_to", ApiTime.local(VOUCHER.VALID_TO, clock))
                .field("reward_group", REWARD.REWARD_GROUP)
                .field("note", VOUCHER.NOTE)
                .field("created_at", ApiTime.local(VOUCHER.CREATED_AT, clock))
                .field("last_change", ApiTime.local(VOUCHER.LAST_CHANGE, clock))
                .field("state", VOUCHER.STATE)
                .column("reward_id", VOUCHER.REWARD_ID)
                .filterIn("reward_id", ids -> VOUCHER.REWARD_ID.in(ids))
                .filter("store_id", store -> availableIn(store))
                .customerScoped(VOUCHER.CUSTOMER_ID)
                .map(r -> new Voucher(r.get("voucher_id", String.class), r.get("customer_id", String.class),
                        r.get("store_id", String.class), r.get("code", String.class),
                        plain(r.get("value", BigDecimal.class)), r.get("applied_date", LocalDateTime.class),
                        r.get("valid_from", LocalDateTime.class), r.get("valid_to", LocalDateTime.class),
                        String.valueOf(r.get("reward_group", Integer.class)), r.get("note", String.class),
                        new Reward(r.get("reward_id", String.class), null, null, null, null, null, null, null, null,
                                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null),
                        r.get("created_at", LocalDateTime.class), r.get("last_change", LocalDateTime.class),
                        r.get("state", Integer.class)));
    }

    /** {@code is_valid} and {@code is_applied} of the voucher lists. */
    private Condition voucherFilters(Filters filters) {
        List<InvalidParam> errors = new ArrayList<>();
        Boolean valid = filters.query().bool("is_valid", errors);
        Boolean applied = filters.query().bool("is_applied", errors);
        filters.query().bool("include_service_vouchers", errors);
        filters.query().bool("without_stores", errors);
        errors.forEach(filters::error);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Condition condition = VOUCHER.STATE.ne(0);
        Condition inRange = VOUCHER.VALID_FROM.isNull().or(VOUCHER.VALID_FROM.le(now))
                .and(VOUCHER.VALID_TO.isNull().or(VOUCHER.VALID_TO.ge(now)));
        if (valid != null) {
            condition = condition.and(valid ? inRange : DSL.not(inRange));
        }
        if (applied != null) {
            condition = condition.and(applied ? VOUCHER.APPLIED_AT.isNotNull() : VOUCHER.APPLIED_AT.isNull());
        }
        return condition;
    }

    /** {@code GET /vouchers}: a Customer API caller sees only the logged-in customer's vouchers. */
    public Page<Voucher> vouchers(ListParams params, Language language) {
        Filters filters = params.filters();
        Condition fixed = voucherFilters(filters);
        Page<Voucher> page = lists.page(voucherSpec(), params, fixed.and(filters.condition()));
        return new Page<>(withRewards(page.items(), language, withoutStores(params)), page.totalItems());
    }

    public Page<Voucher> customerVouchers(String customerId, ListParams params, Language language) {
        Filters filters = params.filters();
        Condition fixed = voucherFilters(filters);
        filters.condition();
        CustomerScope.requireAccess(ApiRequest.caller(params.request()), customerId, "customer_id");
        if (!customers.exists(customerId)) {
            throw ApiError.notFound("customers", customerId);
        }
        Page<Voucher> page = lists.page(voucherSpec(), params, fixed.and(VOUCHER.CUSTOMER_ID.eq(customerId)));
        return new Page<>(withRewards(page.items(), language, withoutStores(params)), page.totalItems());
    }

    public Page<Voucher> rewardVouchers(String rewardId, ListParams params, Language language) {
        requireReward(rewardId);
        Filters filters = params.filters();
        Condition fixed = VOUCHER.STATE.ne(0).and(VOUCHER.REWARD_ID.eq(rewardId));
        Page<Voucher> page = lists.page(voucherSpec(), params, fixed.and(filters.condition()));
        return new Page<>(withRewards(page.items(), language, withoutStores(params)), page.totalItems());
    }

    public Voucher voucher(Caller caller, String voucherId, Language language) {
        Voucher voucher = lists.one(voucherSpec(), VOUCHER.ID.eq(voucherId).and(VOUCHER.STATE.ne(0)))
                .orElseThrow(() -> ApiError.notFound("vouchers", voucherId));
        CustomerScope.requireHolder(caller, voucher.customerId(), "voucher_id", voucherId);
        return withRewards(List.of(voucher), language, false).getFirst();
    }

    /**
     * The vouchers with these ids in this order, as the voucher reads show them (withdrawn vouchers and ids no
     * longer known are left out). No access check: the caller checked access to what names them (a purchase).
     */
    public List<Voucher> vouchersByIds(List<String> ids, Language language) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Voucher> byId = new HashMap<>();
        lists.all(voucherSpec(), VOUCHER.ID.in(ids).and(VOUCHER.STATE.ne(0))).forEach(v -> byId.put(v.voucherId(), v));
        List<Voucher> ordered = new ArrayList<>();
        new LinkedHashSet<>(ids).forEach(id -> {
            if (byId.containsKey(id)) {
                ordered.add(byId.get(id));
            }
        });
        return withRewards(ordered, language, false);
    }

    public Page<PropertyRecord> voucherPropertyRecords(Caller caller, String voucherId, ListParams params,
                                                       Language language) {
        RewardRepository.VoucherRow voucher = repository.voucher(voucherId).filter(v -> v.state() != 0)
                .orElseThrow(() -> ApiError.notFound("vouchers", voucherId));
        CustomerScope.requireHolder(caller, voucher.customerId(), "voucher_id", voucherId);
        return properties.records(VOUCHER_KIND, voucherId, params, language);
    }

    private List<Voucher> withRewards(List<Voucher> vouchers, Language language, boolean withoutStores) {
        if (vouchers.isEmpty()) {
            return vouchers;
        }
        Set<String> ids = new LinkedHashSet<>();
        vouchers.forEach(v -> ids.add(v.reward().rewardId()));
        Map<String, Reward> rewards = new HashMap<>();
        complete(lists.all(rewardSpec(language), REWARD.ID.in(ids)), language, withoutStores)
                .forEach(r -> rewards.put(r.rewardId(), r));
        return vouchers.stream().map(v -> v.with(rewards.get(v.reward().rewardId()))).toList();
    }

    // --- helpers ---------------------------------------------------------------------------------

    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static List<String> urls(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.split("\n"));
    }
}
