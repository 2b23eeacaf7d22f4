package io.patron.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import static io.patron.catalog.CatalogNames.*;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.property.PropertyChecker;
import io.patron.property.PropertyService;
import io.patron.property.PropertyService.CheckedValue;
import io.patron.api.ApiError;
import io.patron.api.BatchOutcome;
import io.patron.api.ErrorProcessing;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.catalog.CatalogBatch.BrandRecord;
import io.patron.catalog.CatalogBatch.GroupRecord;
import io.patron.catalog.CatalogBatch.ProductRecord;
import io.patron.catalog.CatalogBatch.TagRef;
import io.patron.catalog.CatalogRepository.BrandRow;
import io.patron.catalog.CatalogRepository.GroupRow;
import io.patron.catalog.CatalogRepository.Node;
import io.patron.catalog.CatalogRepository.PriceRow;
import io.patron.catalog.CatalogRepository.ProductRow;
import io.patron.catalog.CatalogRepository.Ref;
import io.patron.common.Ids;
import io.patron.reference.CurrencyQueries;
import io.patron.store.StoreQueries;

/**
 * Batch synchronisation of the catalogue from a POS or e-shop: brands, then the group tree, then
 * products. A record that already exists (brands and groups by external id, products by any of
 * their PLU ids) is updated, and only in the fields it sends; a new one is created. One request
 * is one transaction, checked and written in a few statements whatever its size: references are
 * resolved with IN-queries up front, rows are written with multi-row upserts at the end.
 *
 * <p>{@code error_processing} 1 (default): the first bad record stops the batch, nothing is
 * stored, and the 400 names its fields. 2: every good record is stored and committed, and the
 * answer is a 400 naming the fields of each bad one (204 when there is none).
 */
@Service
@Transactional
public class CatalogSync {

    /** The most records one batch request may carry (the contract's maxItems). */
    public static final int MAX_RECORDS = 1000;

    private static final int TEXT = 200;
    private static final int NAME = 4000;
    private static final int LIST_CODE = 100;
    private static final int FOREIGN_ID = 64;
    private static final int PRICE_SCALE = 4;

    private final CatalogRepository repository;
    private final Translations translations;
    private final PropertyService properties;
    private final CurrencyQueries currencies;
    private final StoreQueries stores;
    private final Clock clock;

    CatalogSync(CatalogRepository repository, Translations translations, PropertyService properties,
                CurrencyQueries currencies, StoreQueries stores, Clock clock) {
        this.stores = stores;
        this.repository = repository;
        this.translations = translations;
        this.properties = properties;
        this.currencies = currencies;
        this.clock = clock;
    }

    /** The partners and stores a batch names that exist, looked up once per batch. */
    private record References(Set<String> partners, Set<String> stores) {
        void check(List<InvalidParam> errors, String at, String partnerId, String storeId) {
            if (given(partnerId) != null && !partners.contains(partnerId)) {
                errors.add(InvalidParam.of(at + ".partner_id", Reason.NOT_FOUND, partnerId, "No such partner"));
            }
            if (given(storeId) != null && !stores.contains(storeId)) {
                errors.add(InvalidParam.of(at + ".store_id", Reason.NOT_FOUND, storeId, "No such store"));
            }
        }
    }

    private <R> References references(List<R> records, Function<R, String> partner, Function<R, String> store) {
        Set<String> partnerIds = new LinkedHashSet<>();
        Set<String> storeIds = new LinkedHashSet<>();
        for (R record : records) {
            if (record != null) {
                addIfGiven(partnerIds, partner.apply(record));
                addIfGiven(storeIds, store.apply(record));
            }
        }
        return new References(stores.existingPartners(partnerIds), stores.existingStores(storeIds));
    }

    /** The name a client sends is the name in the request's language. */
    private static IntFunction<Map<String, String>> inLanguage(List<String> names, Language language) {
        return i -> names.get(i) == null ? Map.of() : Map.of(language.id(), names.get(i));
    }

    // --- brands ----------------------------------------------------------------------------------

    public BatchOutcome brands(List<BrandRecord> records, Integer errorProcessing, Language language) {
        return brands(records, errorProcessing,
                inLanguage(records == null ? List.of() : records.stream().map(r -> r == null ? null : r.name()).toList(),
                        language));
    }

    BatchOutcome brands(List<BrandRecord> records, Integer errorProcessing, IntFunction<Map<String, String>> names) {
        ErrorProcessing outcome = ErrorProcessing.of(errorProcessing);
        checkSize("product_brands", records);
        Set<String> externalIds = new HashSet<>();
        records.stream().filter(Objects::nonNull).map(BrandRecord::externalId).filter(Objects::nonNull)
                .forEach(externalIds::add);
        Map<String, String> idByExternal = new HashMap<>();
        repository.brands(Set.of(), externalIds).forEach(b -> idByExternal.put(b.externalId(), b.id()));

        Map<String, BrandRow> rows = new LinkedHashMap<>();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String at = "product_brands[" + i + "]";
            BrandRecord record = records.get(i);
            List<InvalidParam> errors = new ArrayList<>();
            if (record == null) {
                errors.add(InvalidParam.of(at, Reason.REQUIRED, "A brand is required"));
            } else {
                requireText(errors, at + ".external_id", record.externalId(), TEXT);
                requireText(errors, at + ".name", record.name(), NAME);
            }
            if (!outcome.accept(errors)) {
                continue;
            }
            String id = idByExternal.computeIfAbsent(record.externalId(), ext -> Ids.stable("product_brand", ext));
            rows.put(id, new BrandRow(id, record.externalId()));
            texts.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(names.apply(i));
        }
        repository.upsertBrands(rows.values(), OffsetDateTime.now(clock));
        translations.putAll(BRAND_NAME, texts);
        return outcome.outcome();
    }

    // --- groups ----------------------------------------------------------------------------------

    public BatchOutcome groups(List<GroupRecord> records, Integer errorProcessing, Language language) {
        return groups(records, errorProcessing,
                inLanguage(records == null ? List.of() : records.stream().map(r -> r == null ? null : r.name()).toList(),
                        language));
    }

    BatchOutcome groups(List<GroupRecord> records, Integer errorProcessing, IntFunction<Map<String, String>> names) {
        ErrorProcessing outcome = ErrorProcessing.of(errorProcessing);
        checkSize("product_groups", records);
        Set<String> ids = new HashSet<>();
        Set<String> externalIds = new HashSet<>();
        for (GroupRecord record : records) {
            if (record != null) {
                addIfGiven(externalIds, record.externalId());
                addIfGiven(externalIds, record.parentExternalId());
                addIfGiven(ids, record.parentProductGroupId());
            }
        }
        // The tree as far as this batch can touch it: the groups it names and all their ancestors.
        Map<String, Node> tree = repository.groupsWithAncestors(ids, externalIds);
        Map<String, String> idByExternal = new HashMap<>();
        tree.values().forEach(n -> idByExternal.put(n.externalId(), n.id()));

        References known = references(records, GroupRecord::partnerId, GroupRecord::storeId);
        Map<String, GroupRow> rows = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String at = "product_groups[" + i + "]";
            GroupRecord record = records.get(i);
            List<InvalidParam> errors = new ArrayList<>();
            if (record == null) {
                outcome.accept(List.of(InvalidParam.of(at, Reason.REQUIRED, "A product group is required")));
                continue;
            }
            requireText(errors, at + ".external_id", record.externalId(), TEXT);
            requireText(errors, at + ".name", record.name(), NAME);
            optionalText(errors, at + ".code", record.code(), TEXT);
            optionalText(errors, at + ".partner_id", record.partnerId(), FOREIGN_ID);
            optionalText(errors, at + ".store_id", record.storeId(), FOREIGN_ID);
            known.check(errors, at, record.partnerId(), record.storeId());
            String existing = record.externalId() == null ? null : idByExternal.get(record.externalId());
            String id = existing != null ? existing
                    : record.externalId() == null ? null : Ids.stable("product_group", record.externalId());
            String parent = resolve(errors, at, "parent_product_group_id", given(record.parentProductGroupId()),
                    "parent_external_id", given(record.parentExternalId()),
                    candidate -> tree.containsKey(candidate), idByExternal, "product group");
            if (parent != null && id != null && closesCycle(tree, id, parent)) {
                errors.add(InvalidParam.of(at + (given(record.parentExternalId()) != null ? ".parent_external_id"
                        : ".parent_product_group_id"), Reason.NOT_ALLOWED_VALUE, parent,
                        "A product group cannot become its own ancestor"));
            }
            if (!outcome.accept(errors)) {
                continue;
            }
            Node old = tree.get(id);
            tree.put(id, new Node(id, record.externalId(), parent != null ? parent : old == null ? null : old.parentId()));
            idByExternal.put(record.externalId(), id);
            GroupRow row = new GroupRow(id, record.externalId(), given(record.code()), given(record.partnerId()),
                    given(record.storeId()));
            rows.merge(id, row, (a, b) -> new GroupRow(id, a.externalId(), first(b.code(), a.code()),
                    first(b.partnerId(), a.partnerId()), first(b.storeId(), a.storeId())));
            if (parent != null) {
                parents.put(id, parent);
            }
            texts.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(names.apply(i));
        }
        repository.upsertGroups(rows.values(), OffsetDateTime.now(clock));
        repository.setParents(parents);
        translations.putAll(GROUP_NAME, texts);
        return outcome.outcome();
    }

    /** Whether making {@code parent} the parent of {@code group} would make the group its own ancestor. */
    private static boolean closesCycle(Map<String, Node> tree, String group, String parent) {
        int steps = 0;
        for (String at = parent; at != null && steps <= tree.size(); steps++) {
            if (at.equals(group)) {
                return true;
            }
            Node node = tree.get(at);
            at = node == null ? null : node.parentId();
        }
        return false;
    }

    // --- products --------------------------------------------------------------------------------

    public BatchOutcome products(List<ProductRecord> records, Integer errorProcessing, Language language) {
        return products(records, errorProcessing,
                inLanguage(records == null ? List.of() : records.stream().map(r -> r == null ? null : r.name()).toList(),
                        language));
    }

    BatchOutcome products(List<ProductRecord> records, Integer errorProcessing, IntFunction<Map<String, String>> names) {
        ErrorProcessing outcome = ErrorProcessing.of(errorProcessing);
        checkSize("products", records);

        // Everything the batch refers to, resolved with one query per kind.
        Set<String> brandIds = new HashSet<>();
        Set<String> brandExternalIds = new HashSet<>();
        Set<String> groupIds = new HashSet<>();
        Set<String> groupExternalIds = new HashSet<>();
        Set<String> tagIds = new HashSet<>();
        Set<String> currencyIds = new HashSet<>();
        Set<PluId> plus = new HashSet<>();
        boolean anyProperties = false;
        for (ProductRecord record : records) {
            if (record == null) {
                continue;
            }
            addIfGiven(brandIds, record.productBrandId());
            addIfGiven(brandExternalIds, record.productBrandExternalId());
            addIfGiven(groupIds, record.productGroupId());
            addIfGiven(groupExternalIds, record.productGroupExternalId());
            if (record.tags() != null) {
                record.tags().stream().filter(Objects::nonNull).forEach(t -> addIfGiven(tagIds, t.tagId()));
            }
            if (record.prices() != null) {
                record.prices().stream().filter(Objects::nonNull).forEach(p -> addIfGiven(currencyIds, p.currencyId()));
            }
            if (record.pluIds() != null) {
                record.pluIds().stream().filter(p -> p != null && p.listCode() != null && p.code() != null)
                        .forEach(plus::add);
            }
            anyProperties |= record.propertyRecords() != null && !record.propertyRecords().isEmpty();
        }
        Map<String, String> brandIdByExternal = new HashMap<>();
        Set<String> knownBrands = new HashSet<>();
        for (Ref brand : repository.brands(brandIds, brandExternalIds)) {
            brandIdByExternal.put(brand.externalId(), brand.id());
            knownBrands.add(brand.id());
        }
        Map<String, String> groupIdByExternal = new HashMap<>();
        Set<String> knownGroups = new HashSet<>();
        for (Ref group : repository.groups(groupIds, groupExternalIds)) {
            groupIdByExternal.put(group.externalId(), group.id());
            knownGroups.add(group.id());
        }
        Set<String> usableTags = repository.usableTags(tagIds);
        Set<String> activeCurrencies = currencies.activeIds(currencyIds);
        Map<String, Integer> storedStates = new HashMap<>();
        Map<PluId, String> owners = repository.productsByPlu(plus, storedStates);
        PropertyChecker checker = anyProperties ? properties.checker("product") : null;

        References known = references(records, ProductRecord::partnerId, ProductRecord::storeId);
        Map<String, ProductRow> rows = new LinkedHashMap<>();
        Map<PluId, String> newPlus = new LinkedHashMap<>();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        Map<String, PriceRow> prices = new LinkedHashMap<>();
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Map<String, List<CheckedValue>> values = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String at = "products[" + i + "]";
            ProductRecord record = records.get(i);
            if (record == null) {
                outcome.accept(List.of(InvalidParam.of(at, Reason.REQUIRED, "A product is required")));
                continue;
            }
            List<InvalidParam> errors = new ArrayList<>();
            requireText(errors, at + ".name", record.name(), NAME);
            optionalText(errors, at + ".code", record.code(), TEXT);
            optionalText(errors, at + ".partner_id", record.partnerId(), FOREIGN_ID);
            optionalText(errors, at + ".store_id", record.storeId(), FOREIGN_ID);
            known.check(errors, at, record.partnerId(), record.storeId());
            if (record.state() != null && record.state() != 0 && record.state() != 1) {
                errors.add(InvalidParam.of(at + ".state", Reason.NOT_ALLOWED_VALUE, record.state(),
                        "state must be 0 (deleted) or 1 (active)"));
            }
            List<PluId> pluIds = checkPlus(errors, at, record.pluIds());
            Set<String> holders = new LinkedHashSet<>();
            pluIds.forEach(p -> {
                if (owners.containsKey(p)) {
                    holders.add(owners.get(p));
                }
            });
            if (holders.size() > 1) {
                errors.add(InvalidParam.of(at + ".plu_ids", Reason.NOT_ALLOWED_VALUE,
                        "The PLU ids belong to different products"));
            }
            String brand = resolve(errors, at, "product_brand_id", given(record.productBrandId()),
                    "product_brand_external_id", given(record.productBrandExternalId()), knownBrands::contains,
                    brandIdByExternal, "product brand");
            String group = resolve(errors, at, "product_group_id", given(record.productGroupId()),
                    "product_group_external_id", given(record.productGroupExternalId()), knownGroups::contains,
                    groupIdByExternal, "product group");
            List<Price> recordPrices = checkPrices(errors, at, record.prices(), activeCurrencies);
            List<String> recordTags = checkTags(errors, at, record.tags(), usableTags);
            String id = holders.size() == 1 ? holders.iterator().next()
                    : pluIds.isEmpty() ? null
                    : Ids.stable("product", pluIds.getFirst().listCode() + '\u0000' + pluIds.getFirst().code());
            List<CheckedValue> checked = List.of();
            if (checker != null && record.propertyRecords() != null && id != null && holders.size() <= 1) {
                checked = checker.check(id, record.propertyRecords().stream().filter(Objects::nonNull).toList(),
                        at + ".property_records", errors);
            }
            if (!outcome.accept(errors)) {
                continue;
            }

            // the state sent, else the one it has (earlier in this batch or stored), else active
            Integer state = record.state() != null ? record.state()
                    : rows.containsKey(id) ? rows.get(id).state() : storedStates.getOrDefault(id, 1);
            ProductRow row = new ProductRow(id, given(record.code()), given(record.partnerId()),
                    given(record.storeId()), brand, group, state);
            rows.merge(id, row, (a, b) -> new ProductRow(id, first(b.code(), a.code()),
                    first(b.partnerId(), a.partnerId()), first(b.storeId(), a.storeId()),
                    first(b.brandId(), a.brandId()), first(b.groupId(), a.groupId()), b.state()));
            for (PluId plu : pluIds) {
                if (!owners.containsKey(plu)) {
                    owners.put(plu, id);
                    newPlus.put(plu, id);
                }
            }
            texts.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(names.apply(i));
            for (Price price : recordPrices) {
                prices.put(id + '\u0000' + price.currencyId(), new PriceRow(id, price.currencyId(), price.value()));
            }
            if (!recordTags.isEmpty()) {
                tags.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(recordTags);
            }
            if (!checked.isEmpty()) {
                values.computeIfAbsent(id, k -> new ArrayList<>()).addAll(checked);
            }
        }
        repository.upsertProducts(rows.values(), OffsetDateTime.now(clock));
        repository.addPlus(newPlus);
        translations.putAll(PRODUCT_NAME, texts);
        repository.upsertPrices(prices.values());
        repository.addTags(tags);
        if (!values.isEmpty()) {
            properties.merge("product", values);
        }
        return outcome.outcome();
    }

    private static List<PluId> checkPlus(List<InvalidParam> errors, String at, List<PluId> given) {
        if (given == null) {
            errors.add(InvalidParam.of(at + ".plu_ids", Reason.REQUIRED, "A product needs at least one PLU id"));
            return List.of();
        }
        if (given.isEmpty()) {
            errors.add(InvalidParam.of(at + ".plu_ids", Reason.EMPTY, "A product needs at least one PLU id"));
            return List.of();
        }
        List<PluId> good = new ArrayList<>();
        for (int j = 0; j < given.size(); j++) {
            String item = at + ".plu_ids[" + j + "]";
            PluId plu = given.get(j);
            if (plu == null) {
                errors.add(InvalidParam.of(item, Reason.REQUIRED, "A PLU id is required"));
                continue;
            }
            int before = errors.size();
            requireText(errors, item + ".list_code", plu.listCode(), LIST_CODE);
            requireText(errors, item + ".code", plu.code(), TEXT);
            if (errors.size() == before && !good.contains(plu)) {
                good.add(plu);
            }
        }
        return good;
    }

    private static List<Price> checkPrices(List<InvalidParam> errors, String at, List<Price> given,
                                           Set<String> activeCurrencies) {
        if (given == null) {
            return List.of();
        }
        List<Price> good = new ArrayList<>();
        for (int j = 0; j < given.size(); j++) {
            String item = at + ".prices[" + j + "]";
            Price price = given.get(j);
            if (price == null) {
                errors.add(InvalidParam.of(item, Reason.REQUIRED, "A price is required"));
                continue;
            }
            int before = errors.size();
            if (price.currencyId() == null || price.currencyId().isBlank()) {
                errors.add(InvalidParam.of(item + ".currency_id",
                        price.currencyId() == null ? Reason.REQUIRED : Reason.EMPTY, "currency_id is required"));
            } else if (!activeCurrencies.contains(price.currencyId())) {
                errors.add(InvalidParam.of(item + ".currency_id", Reason.NOT_FOUND, price.currencyId(),
                        "No such currency in the project"));
            }
            BigDecimal value = price.value();
            if (value == null) {
                errors.add(InvalidParam.of(item + ".value", Reason.REQUIRED, "value is required"));
            } else if (value.signum() < 0) {
                errors.add(InvalidParam.of(item + ".value", Reason.NOT_ALLOWED_VALUE, value,
                        "A price cannot be negative"));
            } else if (value.stripTrailingZeros().scale() > PRICE_SCALE
                    || value.precision() - value.scale() > 15) {
                errors.add(InvalidParam.of(item + ".value", Reason.INVALID_VALUE_FORMAT, value,
                        "At most 15 digits before and " + PRICE_SCALE + " after the decimal point"));
            }
            if (errors.size() == before) {
                good.add(price);
            }
        }
        return good;
    }

    private static List<String> checkTags(List<InvalidParam> errors, String at, List<TagRef> given,
                                          Set<String> usableTags) {
        if (given == null) {
            return List.of();
        }
        List<String> good = new ArrayList<>();
        for (int j = 0; j < given.size(); j++) {
            String item = at + ".tags[" + j + "]";
            TagRef tag = given.get(j);
            if (tag == null || tag.tagId() == null || tag.tagId().isBlank()) {
                errors.add(InvalidParam.of(item + ".tag_id",
                        tag != null && tag.tagId() != null ? Reason.EMPTY : Reason.REQUIRED, "tag_id is required"));
            } else if (!usableTags.contains(tag.tagId())) {
                errors.add(InvalidParam.of(item + ".tag_id", Reason.NOT_FOUND, tag.tagId(), "No such product tag"));
            } else {
                good.add(tag.tagId());
            }
        }
        return good;
    }

    // --- shared rules ----------------------------------------------------------------------------

    /**
     * Resolves a reference given by id, by external id or by both (which must then name the same
     * record); null when none is given or it does not resolve (an error is added then).
     */
    private static String resolve(List<InvalidParam> errors, String at, String idField, String id, String externalField,
                                  String externalId, java.util.function.Predicate<String> exists,
                                  Map<String, String> idByExternal, String what) {
        String byId = null;
        if (id != null) {
            if (!exists.test(id)) {
                errors.add(InvalidParam.of(at + "." + idField, Reason.NOT_FOUND, id, "No such " + what));
                return null;
            }
            byId = id;
        }
        if (externalId == null) {
            return byId;
        }
        String byExternal = idByExternal.get(externalId);
        if (byExternal == null) {
            errors.add(InvalidParam.of(at + "." + externalField, Reason.NOT_FOUND, externalId,
                    "No " + what + " has this external id"));
            return null;
        }
        if (byId != null && !byId.equals(byExternal)) {
            errors.add(InvalidParam.of(at + "." + externalField, Reason.NOT_ALLOWED_VALUE, externalId,
                    idField + " and " + externalField + " name different records"));
            return null;
        }
        return byExternal;
    }

    private static void checkSize(String list, List<?> records) {
        if (records == null) {
            throw ApiError.badRequest(list, Reason.REQUIRED, list + " is required");
        }
        if (records.size() > MAX_RECORDS) {
            throw ApiError.badRequest(List.of(InvalidParam.of(list, Reason.NOT_ALLOWED_VALUE, records.size(),
                    "At most " + MAX_RECORDS + " records per request")));
        }
    }

    private static void requireText(List<InvalidParam> errors, String name, String value, int maxLength) {
        if (value == null) {
            errors.add(InvalidParam.of(name, Reason.REQUIRED, name + " is required"));
        } else if (value.isBlank()) {
            errors.add(InvalidParam.of(name, Reason.EMPTY, name + " must not be empty"));
        } else {
            optionalText(errors, name, value, maxLength);
        }
    }

    private static void optionalText(List<InvalidParam> errors, String name, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            errors.add(InvalidParam.of(name, Reason.NOT_ALLOWED_VALUE,
                    "At most " + maxLength + " characters"));
        }
    }

    /** A blank optional value counts as not sent: a batch never erases a stored value. */
    private static String given(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void addIfGiven(Set<String> into, String value) {
        if (given(value) != null) {
            into.add(value);
        }
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
