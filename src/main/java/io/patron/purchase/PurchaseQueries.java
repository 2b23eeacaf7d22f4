package io.patron.purchase;

import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.PURCHASE;
import static io.patron.db.Tables.PURCHASE_ITEM;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
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
import io.patron.catalog.CatalogQueries;
import io.patron.catalog.Product;
import io.patron.customer.CustomerService;
import io.patron.db.tables.records.PurchaseRecord;
import io.patron.loyalty.LoyaltyBodies;
import io.patron.loyalty.LoyaltyQueries;
import io.patron.property.PropertyService;
import io.patron.purchase.PurchaseBodies.Purchase;
import io.patron.purchase.PurchaseBodies.PurchaseItem;

/**
 * Reads of purchases: lists (all, a customer's), one purchase, its items, its point records and its payment summary.
 * A Customer API token reads only its customer's purchases.
 */
@Service
@Transactional(readOnly = true)
public class PurchaseQueries {

    /** Property definitions of purchases and purchase items (owner kinds of the property capability). */
    static final String PURCHASE_KIND = "purchase";
    static final String PURCHASE_ITEM_KIND = "purchase_item";

    private final ListQueries lists;
    private final PurchaseRepository repository;
    private final CatalogQueries catalog;
    private final CustomerService customers;
    private final LoyaltyQueries loyalty;
    private final PropertyService properties;
    private final Clock clock;

    PurchaseQueries(ListQueries lists, PurchaseRepository repository, CatalogQueries catalog,
                    CustomerService customers, LoyaltyQueries loyalty, PropertyService properties, Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.catalog = catalog;
        this.customers = customers;
        this.loyalty = loyalty;
        this.properties = properties;
        this.clock = clock;
    }

    private ListSpec<Purchase> spec() {
        Field<Integer> itemsCount = DSL.field(DSL.selectCount().from(PURCHASE_ITEM)
                .where(PURCHASE_ITEM.PURCHASE_ID.eq(PURCHASE.ID)));
        return ListSpec.<Purchase>from(PURCHASE)
                .id("purchase_id", PURCHASE.ID)
                .field("customer_id", PURCHASE.CUSTOMER_ID, EQ)
                .field("store_id", PURCHASE.STORE_ID, EQ)
                .field("external_purchase_id", PURCHASE.BILL_ID, EQ)
                .field("payment_time", ApiTime.local(PURCHASE.PAYMENT_TIME, clock))
                .field("items_count", itemsCount)
                .field("type_id", PURCHASE.TYPE_ID, EQ)
                .field("total_price", PURCHASE.TOTAL_PRICE)
                .field("currency_id", PURCHASE.CURRENCY_ID)
                .field("card_number", PURCHASE.CARD_NUMBER)
                .field("cashdesk_number", PURCHASE.CASHDESK_NUMBER)
                .field("last_change", ApiTime.local(PURCHASE.LAST_CHANGE, clock))
                .filters(between("payment_time_from", "payment_time_to", PURCHASE.PAYMENT_TIME))
                .filters(PurchaseQueries::switches)
                .defaultOrder(PURCHASE.PAYMENT_TIME, PURCHASE.ID)
                .customerScoped(PURCHASE.CUSTOMER_ID)
                .map(r -> {
                    String customer = r.get("customer_id", String.class);
                    return new Purchase(r.get("purchase_id", String.class), customer == null ? "" : customer,
                            r.get("store_id", String.class), r.get("external_purchase_id", String.class),
                            r.get("payment_time", LocalDateTime.class), r.get("items_count", Integer.class), null,
                            r.get("type_id", String.class), PurchaseService.plain(r.get("total_price",
                            BigDecimal.class)), r.get("currency_id", String.class),
                            r.get("card_number", String.class), r.get("cashdesk_number", String.class),
                            r.get("last_change", LocalDateTime.class), null);
                });
    }

    /** {@code GET /purchases}. */
    public Page<Purchase> purchases(ListParams params, Language language) {
        return extend(lists.page(spec(), params), params, language);
    }

    /** {@code GET /customers/{id}/purchases}. */
    public Page<Purchase> customerPurchases(String customerId, ListParams params, Language language) {
        return extend(lists.customerPage(spec(), params, customerId, customers::exists), params, language);
    }

    /** {@code GET /purchases/{id}}. */
    public Purchase purchase(Caller caller, String purchaseId, Language language) {
        Purchase purchase = lists.one(spec(), PURCHASE.ID.eq(purchaseId))
                .orElseThrow(() -> ApiError.notFound("purchases", purchaseId));
        CustomerScope.requireHolder(caller, purchase.customerId(), "purchase_id", purchaseId);
        return purchase;
    }

    /** {@code GET /purchases/{id}}: the purchase with its property records (the one read of a single purchase). */
    public Purchase purchaseWithRecords(Caller caller, String purchaseId, Language language) {
        Purchase purchase = purchase(caller, purchaseId, language);
        return purchase.withPropertyRecords(properties.recordsOf(PURCHASE_KIND, List.of(purchaseId), language)
                .getOrDefault(purchaseId, List.of()));
    }

    /** The list switches: items with {@code purchase_items_extension}, property records with include_property_records. */
    private Page<Purchase> extend(Page<Purchase> page, ListParams params, Language language) {
        boolean withItems = "true".equals(params.request().getParameter("purchase_items_extension"));
        boolean withRecords = "true".equals(params.request().getParameter("include_property_records"));
        Map<String, List<PropertyService.PropertyRecord>> records = withRecords && !page.items().isEmpty()
                ? properties.recordsOf(PURCHASE_KIND, page.items().stream().map(Purchase::purchaseId).toList(),
                language) : Map.of();
        List<Purchase> out = new ArrayList<>();
        for (Purchase p : page.items()) {
            Purchase extended = withItems ? p.withItems(items(p.purchaseId(), language)) : p;
            out.add(extended.withPropertyRecords(records.getOrDefault(p.purchaseId(), List.of())));
        }
        return new Page<>(out, page.totalItems());
    }

    // --- items ----------------------------------------------------------------------------------------------

    /** {@code GET /purchases/{id}/purchase-items}. */
    public Page<PurchaseItem> purchaseItems(Caller caller, String purchaseId, ListParams params, Language language) {
        purchase(caller, purchaseId, language);
        ListSpec<PurchaseItem> spec = ListSpec.<PurchaseItem>from(PURCHASE_ITEM)
                .id("purchase_item_id", PURCHASE_ITEM.ID)
                .field("product_id", PURCHASE_ITEM.PRODUCT_ID)
                .field("external_id", PURCHASE_ITEM.BILL_ITEM_ID)
                .field("purchase_item_type_id", PURCHASE_ITEM.TYPE_ID)
                .field("price", PURCHASE_ITEM.PRICE)
                .field("amount", PURCHASE_ITEM.QUANTITY)
                .field("vat_rate", PURCHASE_ITEM.VAT_RATE)
                .column("plu_name", PURCHASE_ITEM.PLU_NAME)
                .defaultOrder(PURCHASE_ITEM.POSITION)
                .map(r -> new PurchaseItem(r.get("purchase_item_id", String.class),
                        r.get("product_id", String.class), r.get("plu_name", String.class), null, null, null, null,
                        r.get("external_id", String.class), r.get("purchase_item_type_id", String.class),
                        PurchaseService.plain(r.get("price", BigDecimal.class)),
                        PurchaseService.plain(r.get("amount", BigDecimal.class)),
                        PurchaseService.plain(r.get("vat_rate", BigDecimal.class)), null));
        Page<PurchaseItem> page = lists.page(spec, params, PURCHASE_ITEM.PURCHASE_ID.eq(purchaseId));
        return new Page<>(page.items().stream().map(i -> complete(i, language, new HashMap<>())).toList(),
                page.totalItems());
    }

    private List<PurchaseItem> items(String purchaseId, Language language) {
        Map<String, Product> products = new HashMap<>();
        List<PurchaseItem> items = new ArrayList<>();
        for (var r : repository.items(purchaseId)) {
            items.add(complete(new PurchaseItem(r.getId(), r.getProductId(), r.getPluName(), null, null, null, null,
                    r.getBillItemId(), r.getTypeId(), PurchaseService.plain(r.getPrice()),
                    PurchaseService.plain(r.getQuantity()), PurchaseService.plain(r.getVatRate()), null), language,
                    products));
        }
        return items;
    }

    /** Adds the catalogue names of the item's product (product, group, brand) when the PLUs named a product. */
    private PurchaseItem complete(PurchaseItem item, Language language, Map<String, Product> products) {
        if (item.productId() == null) {
            // the contract requires these fields: an item no catalogue product matched names its PLU text only
            return new PurchaseItem(item.purchaseItemId(), "", item.productName(), null, null, null, null,
                    item.externalId(), item.purchaseItemTypeId() == null ? "" : item.purchaseItemTypeId(),
                    item.price(), item.amount(), item.vatRate() == null ? BigDecimal.ZERO : item.vatRate(), null);
        }
        Product product = products.computeIfAbsent(item.productId(), id -> catalog.product(id, language));
        String groupName = product.productGroupId() == null ? null
                : catalog.group(product.productGroupId(), language).name();
        String brandName = product.productBrandId() == null ? null
                : catalog.brand(product.productBrandId(), language).name();
        return new PurchaseItem(item.purchaseItemId(), item.productId(), product.name(), product.productGroupId(),
                groupName, product.productBrandId(), brandName, item.externalId(),
                item.purchaseItemTypeId() == null ? "" : item.purchaseItemTypeId(), item.price(), item.amount(),
                item.vatRate() == null ? BigDecimal.ZERO : item.vatRate(), null);
    }

    // --- points, vouchers, summary ------------------------------------------------------------------------------

    /** {@code GET /purchases/{id}/points}: the lots the purchase earned and the redemption that paid it. */
    public Page<LoyaltyBodies.Point> points(Caller caller, String purchaseId, ListParams params, Language language) {
        purchase(caller, purchaseId, language);
        PurchaseRecord record = repository.byId(purchaseId).orElseThrow();
        List<String> ids = new ArrayList<>(repository.earnedLotIds(purchaseId));
        if (record.getPointRedemptionId() != null) {
            ids.add(record.getPointRedemptionId());
        }
        return loyalty.pointsAmong(ids, params);
    }

    /** The ids of the vouchers a purchase used (from its recorded benefits), after checking access. */
    public List<String> voucherIds(Caller caller, String purchaseId, Language language) {
        purchase(caller, purchaseId, language);
        return repository.voucherIds(purchaseId);
    }

    /** {@code GET /purchases/{id}/actions/payment-summary} without the vouchers (the controller adds them). */
    public PurchaseBodies.PaymentSummary paymentSummary(Caller caller, String purchaseId, Language language,
                                                       List<Object> vouchers) {
        purchase(caller, purchaseId, language);
        PurchaseRecord record = repository.byId(purchaseId).orElseThrow();
        BigDecimal usedPoints = PurchaseService.plain(record.getCreditPoints());
        return new PurchaseBodies.PaymentSummary(PurchaseService.plain(repository.earnedTotal(purchaseId)),
                PurchaseService.plain(record.getCreditAmount()), usedPoints, usedPoints, vouchers);
    }

    // --- property definitions --------------------------------------------------------------------------------

    public Page<PropertyService.Property> purchaseProperties(ListParams params, Language language) {
        return properties.definitions(PURCHASE_KIND, params, language);
    }

    public PropertyService.Property purchaseProperty(String id, Language language) {
        return properties.definition(PURCHASE_KIND, "purchase-properties", id, language);
    }

    public Page<PropertyService.Property> purchaseItemProperties(ListParams params, Language language) {
        return properties.definitions(PURCHASE_ITEM_KIND, params, language);
    }

    public PropertyService.Property purchaseItemProperty(String id, Language language) {
        return properties.definition(PURCHASE_ITEM_KIND, "purchase-item-properties", id, language);
    }

    /** The two switches of the purchase lists change the answer, not the matches; they must be booleans. */
    private static void switches(Filters filters) {
        List<InvalidParam> errors = new ArrayList<>();
        filters.query().bool("purchase_items_extension", errors);
        filters.query().bool("include_property_records", errors);
        errors.forEach(filters::error);
    }

    private Consumer<Filters> between(String fromParam, String toParam, Field<OffsetDateTime> column) {
        return filters -> {
            bound(filters, fromParam, column, true);
            bound(filters, toParam, column, false);
        };
    }

    private void bound(Filters filters, String param, Field<OffsetDateTime> column, boolean from) {
        String value = filters.query().string(param);
        if (value == null) {
            return;
        }
        try {
            OffsetDateTime time = ApiTime.parseDateTime(value, clock.getZone()).atZone(clock.getZone())
                    .toOffsetDateTime();
            filters.where(from ? column.ge(time) : column.le(time));
        } catch (DateTimeException e) {
            filters.error(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, value, ApiTime.DATE_TIME_FORMS));
        }
    }
}
