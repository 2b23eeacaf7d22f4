package io.patron.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.card.CardBodies;
import io.patron.card.CardQueries;
import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.customer.CustomerService;
import io.patron.db.tables.records.PurchaseBenefitRecord;
import io.patron.db.tables.records.PurchaseItemRecord;
import io.patron.db.tables.records.PurchaseRecord;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.loyalty.LedgerService;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.loyalty.Operation;
import io.patron.property.PropertyService;
import io.patron.purchase.CheckoutEngine.Evaluation;
import io.patron.purchase.PurchaseBodies.AcceptedPayment;
import io.patron.purchase.PurchaseBodies.BillItem;
import io.patron.purchase.PurchaseBodies.CashierMessage;
import io.patron.purchase.PurchaseBodies.DiscountItem;
import io.patron.purchase.PurchaseBodies.PaymentVoucher;
import io.patron.reference.CurrencyQueries;
import io.patron.reference.LookupKind;
import io.patron.reference.LookupQueries;
import io.patron.store.StoreQueries;
import io.patron.tier.ActiveCurrencies;
import io.patron.tier.CustomerStatuses;

/**
 * The checkout: accept-payment (the evaluation, nothing written), send-purchase (the same evaluation re-done under
 * the customer's wallet lock and committed in one transaction), cancellation (reverses exactly what the original
 * did), and attaching a customer to an anonymous purchase later.
 */
@Service
@Transactional
public class PurchaseService {

    private static final String POINTS_PARAM_ACCEPT = "max_points";
    private static final String POINTS_PARAM_SEND = "credit_points";

    private final PurchaseRepository repository;
    private final List<BenefitProvider> providers;
    private final List<PurchaseParticipant> participants;
    private final LedgerService ledger;
    private final LoyaltyLedger wallets;
    private final CustomerStatuses statuses;
    private final CustomerService customers;
    private final CardQueries cards;
    private final StoreQueries stores;
    private final CatalogQueries catalog;
    private final LookupQueries lookups;
    private final CurrencyQueries currencies;
    private final ActiveCurrencies activeCurrencies;
    private final DomainEvents events;
    private final PropertyService properties;
    private final Translations translations;
    private final Clock clock;

    PurchaseService(PurchaseRepository repository, List<BenefitProvider> providers,
                    List<PurchaseParticipant> participants, LedgerService ledger, LoyaltyLedger wallets,
                    CustomerStatuses statuses, CustomerService customers, CardQueries cards, StoreQueries stores,
                    CatalogQueries catalog, LookupQueries lookups, CurrencyQueries currencies,
                    ActiveCurrencies activeCurrencies, DomainEvents events, PropertyService properties,
                    Translations translations, Clock clock) {
        this.repository = repository;
        this.providers = List.copyOf(providers);
        this.participants = List.copyOf(participants);
        this.ledger = ledger;
        this.wallets = wallets;
        this.statuses = statuses;
        this.customers = customers;
        this.cards = cards;
        this.stores = stores;
        this.catalog = catalog;
        this.lookups = lookups;
        this.currencies = currencies;
        this.activeCurrencies = activeCurrencies;
        this.events = events;
        this.properties = properties;
        this.translations = translations;
        this.clock = clock;
    }

    // --- the checked bill --------------------------------------------------------------------------

    /** The common fields of a request with a bill, as the checks need them. */
    record Request(String storeId, String cardNumber, String customerId, String paymentType, String billId,
                   String paymentTime, String currencyId, List<BillItem> items, List<String> benefitCodes,
                   String purchaseTypeId) {
    }

    /** A validated bill: the basket and what the engine needs to know of its items. */
    record Checked(CheckoutBasket basket, String cardNumber, Map<String, String> itemTypeTexts,
                   Map<String, CheckoutEngine.Catalog> catalog) {
    }

    /**
     * Checks a request's bill, resolves the card and the customer (taking the customer's wallet lock: the
     * evaluation that follows reads the wallet as it stands under it) and builds the basket. Every problem is one
     * {@link InvalidParam}, all of them in one 400.
     */
    Checked check(Caller caller, Request request, Language language) {
        List<InvalidParam> errors = new ArrayList<>();
        if (stores.existingStores(List.of(request.storeId())).isEmpty()) {
            errors.add(InvalidParam.of("store_id", Reason.NOT_FOUND, request.storeId(), "No store with this id"));
        }
        if (request.purchaseTypeId() != null && !lookups.exists(LookupKind.PURCHASE_TYPES, request.purchaseTypeId())) {
            errors.add(InvalidParam.of("purchase_type_id", Reason.NOT_ALLOWED_VALUE, request.purchaseTypeId(),
                    "Not a purchase type (GET /purchase-types)"));
        }
        OffsetDateTime at = null;
        try {
            at = ApiTime.parseDateTime(request.paymentTime(), clock.getZone()).atZone(clock.getZone())
                    .toOffsetDateTime();
        } catch (DateTimeException | NullPointerException e) {
            errors.add(InvalidParam.of("payment_time", Reason.INVALID_VALUE_FORMAT, request.paymentTime(),
                    ApiTime.DATE_TIME_FORMS));
        }
        if (currencies.activeIds(List.of(request.currencyId())).isEmpty()) {
            errors.add(InvalidParam.of("currency_id", Reason.NOT_FOUND, request.currencyId(),
                    "Not an active currency"));
        }
        Map<String, String> typeTexts = itemTypeTexts();
        Set<String> seen = new HashSet<>();
        Map<String, String> itemTypeTexts = new LinkedHashMap<>();
        Map<String, String> productOfItem = new LinkedHashMap<>();
        List<CheckoutBasket.Item> items = new ArrayList<>();
        // every item's PLUs in one query
        Map<io.patron.catalog.PluId, String> productsByPlu = catalog.productIdsByPlu(request.items().stream()
                .filter(i -> i.pluIds() != null).flatMap(i -> i.pluIds().stream())
                .filter(p -> p.listCode() != null && p.code() != null)
                .map(p -> new io.patron.catalog.PluId(p.listCode(), p.code())).toList());
        for (BillItem item : request.items()) {
            if (item.billItemId() == null || item.billItemId().isBlank()) {
                errors.add(InvalidParam.of("bill_item_id", Reason.REQUIRED, "Every bill item needs its bill_item_id"));
                continue;
            }
            if (!seen.add(item.billItemId())) {
                errors.add(InvalidParam.of("bill_item_id", Reason.NOT_ALLOWED_VALUE, item.billItemId(),
                        "Two bill items have this id"));
                continue;
            }
            if (item.price().compareTo(item.paidAmount()) < 0) {
                errors.add(InvalidParam.of("bill_item_id", Reason.ITEM_PRICE_LOWER_THAN_PAID_AMOUNT,
                        item.billItemId(), "The item's price is lower than its paid amount"));
            }
            if (item.paidAmount().signum() < 0) {
                errors.add(InvalidParam.of("paid_amount", Reason.NOT_ALLOWED_VALUE, item.paidAmount(),
                        "A paid amount must not be negative (item " + item.billItemId() + ")"));
            }
            if (item.purchaseItemTypeId() != null
                    && !lookups.exists(LookupKind.PURCHASE_ITEM_TYPES, item.purchaseItemTypeId())) {
                errors.add(InvalidParam.of("purchase_item_type_id", Reason.NOT_ALLOWED_VALUE,
                        item.purchaseItemTypeId(), "Not a purchase item type (GET /purchase-item-types)"));
            }
            List<io.patron.catalog.PluId> plus = item.pluIds() == null ? List.of() : item.pluIds().stream()
                    .filter(p -> p.listCode() != null && p.code() != null)
                    .map(p -> new io.patron.catalog.PluId(p.listCode(), p.code())).toList();
            // the first of the item's PLUs that names a product
            String productId = plus.stream().map(productsByPlu::get).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
            productOfItem.put(item.billItemId(), productId);
            itemTypeTexts.put(item.billItemId(), item.purchaseItemTypeId() == null ? null
                    : typeTexts.get(item.purchaseItemTypeId()));
            items.add(new CheckoutBasket.Item(item.billItemId(), productId,
                    plus.stream().map(p -> p.listCode() + ":" + p.code()).toList(), item.quantity(), item.price(),
                    item.paidAmount(), Boolean.TRUE.equals(item.loyaltyOff()), item.purchaseItemTypeId()));
        }
        String customerId = customer(caller, request.cardNumber(), request.customerId(), errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        Map<String, CheckoutEngine.Catalog> facts = facts(productOfItem);
        CheckoutBasket basket = new CheckoutBasket(customerId, request.storeId(), request.currencyId(), at,
                CheckoutBasket.PaymentType.valueOf(request.paymentType()), language.id(), items,
                request.benefitCodes() == null ? List.of() : request.benefitCodes());
        return new Checked(basket, request.cardNumber(), itemTypeTexts, facts);
    }

    /**
     * The customer of the request: by card (blocked → {@code card_is_blocked}) or id (deleted →
     * {@code customer_was_deleted}); both must agree. On the Customer API the logged-in customer, whom the request
     * may name only. Takes the customer's wallet lock.
     */
    private String customer(Caller caller, String cardNumber, String customerId, List<InvalidParam> errors) {
        String holder = null;
        if (cardNumber != null && !cardNumber.isBlank()) {
            CardBodies.Card card = cards.cardByNumber(cardNumber.trim()).orElse(null);
            if (card == null) {
                errors.add(InvalidParam.of("card_number", Reason.NOT_FOUND, cardNumber, "No card with this number"));
            } else if (card.state() != null && card.state() == 0) {
                errors.add(InvalidParam.of("card_number", Reason.CARD_IS_BLOCKED, cardNumber, "The card is blocked"));
            } else if (card.customerId() == null) {
                errors.add(InvalidParam.of("card_number", Reason.NOT_FOUND, cardNumber,
                        "The card is not assigned to a customer"));
            } else {
                holder = card.customerId();
            }
        }
        if (customerId != null && holder != null && !customerId.equals(holder)) {
            errors.add(InvalidParam.of("customer_id", Reason.NOT_ALLOWED_VALUE, customerId,
                    "The card belongs to another customer"));
        }
        String id = customerId != null ? customerId : holder;
        if (caller instanceof Caller.CustomerToken) {
            if (id == null) {
                id = CustomerScope.restrictedTo(caller).orElse(null);
            }
            CustomerScope.requireAccess(caller, id, "customer_id");
        }
        if (id != null) {
            switch (customers.lockStanding(id)) {
                case UNKNOWN -> errors.add(InvalidParam.of("customer_id", Reason.NOT_FOUND, id,
                        "No customer with this id"));
                case DELETED -> errors.add(InvalidParam.of("customer_id", Reason.CUSTOMER_WAS_DELETED, id,
                        "The customer was deleted"));
                case ACTIVE -> { }
            }
        }
        return id;
    }

    /** Per bill item id, the catalogue facts of its product (null product: none), in one query. */
    private Map<String, CheckoutEngine.Catalog> facts(Map<String, String> productOfItem) {
        Map<String, CatalogQueries.Placement> placements = catalog.placements(
                productOfItem.values().stream().filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
        Map<String, CheckoutEngine.Catalog> facts = new LinkedHashMap<>();
        productOfItem.forEach((item, productId) -> {
            CatalogQueries.Placement placement = productId == null ? null : placements.get(productId);
            facts.put(item, productId == null ? CheckoutEngine.Catalog.NONE
                    : new CheckoutEngine.Catalog(productId, placement == null ? null : placement.groupId(),
                            placement == null ? null : placement.brandId()));
        });
        return facts;
    }

    /** Purchase item type id → text id, for the types with an effect. */
    private Map<String, String> itemTypeTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String text : CheckoutEngine.EFFECT_TYPES) {
            lookups.idOf(LookupKind.PURCHASE_ITEM_TYPES, text).ifPresent(id -> texts.put(id, text));
        }
        return texts;
    }

    // --- evaluation ----------------------------------------------------------------------------------

    Evaluation evaluate(Checked checked, BigDecimal maxPoints, BigDecimal maxCredit, String pointsParam) {
        return evaluate(checked, maxPoints, maxCredit, pointsParam, null);
    }

    /** The evaluation; {@code pointWallet}: the customer's point wallet as the caller read it under the lock. */
    private Evaluation evaluate(Checked checked, BigDecimal maxPoints, BigDecimal maxCredit, String pointsParam,
                                CheckoutEngine.PointWallet pointWallet) {
        CheckoutBasket basket = checked.basket();
        String customerId = basket.customerId();
        CheckoutEngine.Status status = null;
        CheckoutEngine.PointWallet points = null;
        CheckoutEngine.CreditWallet credits = null;
        if (customerId != null) {
            CustomerStatuses.Switches s = statuses.switches(customerId);
            status = new CheckoutEngine.Status(s.collectionPoints(), s.paymentPoints(), s.discount(),
                    s.discountOnDiscountedItems());
            points = pointWallet != null ? pointWallet : pointWallet(customerId, basket.currencyId());
            String creditType = wallets.defaultCreditTypeId().orElse(null);
            if (creditType != null) {
                credits = new CheckoutEngine.CreditWallet(creditType,
                        wallets.spendable(customerId, creditType, basket.currencyId()));
            }
        }
        CheckoutEngine.Input input = new CheckoutEngine.Input(basket, checked.itemTypeTexts(), checked.catalog(),
                status, points, credits, rules(basket.currencyId()), maxPoints, maxCredit,
                activeCurrencies.decimals(basket.currencyId()), messages(basket.languageId()));
        try {
            return CheckoutEngine.evaluate(input, providers);
        } catch (ApiError e) {
            throw rename(e, pointsParam);
        }
    }

    /** The cashier messages in the basket's language (translation table, then the built-in texts). */
    private CheckoutEngine.Messages messages(String languageId) {
        Map<String, String> texts = new LinkedHashMap<>(CheckoutMessages.builtIn(languageId));
        texts.putAll(translations.texts(CheckoutMessages.ENTITY, texts.keySet(),
                new Language(languageId == null ? "en" : languageId, "en")));
        return new CheckoutEngine.Messages(texts);
    }

    private CheckoutEngine.PointWallet pointWallet(String customerId, String currencyId) {
        String typeId = wallets.defaultPointTypeId().orElse(null);
        if (typeId == null) {
            return null;
        }
        int scale = wallets.pointTypes().stream().filter(t -> t.typeId().equals(typeId)).findFirst()
                .map(LoyaltyLedger.TypeInfo::decimals).orElse(0);
        BigDecimal value = statuses.pointMoneyValues(typeId).get(currencyId);
        return new CheckoutEngine.PointWallet(typeId, wallets.spendable(customerId, typeId, null), scale,
                value, wallets.pendingDays(typeId) > 0);
    }

    List<CheckoutEngine.Rule> rules(String currencyId) {
        Map<String, Integer> scales = new LinkedHashMap<>();
        wallets.pointTypes().forEach(t -> scales.put(t.typeId(), t.decimals()));
        List<CheckoutEngine.Rule> rules = new ArrayList<>();
        for (var rule : repository.rules(currencyId)) {
            if (!scales.containsKey(rule.getPointTypeId())) {
                continue;
            }
            rules.add(new CheckoutEngine.Rule(rule.getPointTypeId(), scales.get(rule.getPointTypeId()),
                    wallets.pendingDays(rule.getPointTypeId()) > 0, rule.getPointsPerUnit(),
                    rounding(rule.getRounding()), repository.multipliers(rule.getId()),
                    rule.getMinPointsPaymentPurchase()));
        }
        return rules;
    }

    static RoundingMode rounding(String code) {
        return switch (code) {
            case "up" -> RoundingMode.UP;
            case "half_up" -> RoundingMode.HALF_UP;
            default -> RoundingMode.DOWN;
        };
    }

    /** The engine names {@code max_points}; send-purchase's field is {@code credit_points}. */
    private static ApiError rename(ApiError e, String pointsParam) {
        if (POINTS_PARAM_ACCEPT.equals(pointsParam) || !(e.errorData().get("invalid_params") instanceof List<?> l)) {
            return e;
        }
        List<InvalidParam> renamed = new ArrayList<>();
        for (Object o : l) {
            if (o instanceof InvalidParam p) {
                renamed.add(p.name().equals(POINTS_PARAM_ACCEPT)
                        ? new InvalidParam(pointsParam, p.reason(), p.value(), p.message()) : p);
            } else {
                return e;
            }
        }
        return ApiError.badRequest(renamed);
    }

    // --- accept-payment -----------------------------------------------------------------------------------

    /** {@code POST /purchases/actions/accept-payment}: the evaluation, nothing written. */
    public AcceptedPayment acceptPayment(Caller caller, PurchaseBodies.AcceptPayment request, Language language) {
        return evaluateAccept(caller, request, language).answer();
    }

    /**
     * A checkout action's answer and its trace ({@link CheckoutTrace}), which the caller publishes once the
     * transaction is over (a trace of send-purchase then describes what was committed).
     */
    public record Traced<T>(T answer, Map<String, Object> trace) {
    }

    /** {@code POST /purchases/actions/accept-payment} with the trace of what was considered and why. */
    public Traced<AcceptedPayment> acceptPaymentTraced(Caller caller, PurchaseBodies.AcceptPayment request,
                                                       Language language) {
        return evaluateAccept(caller, request, language);
    }

    private Traced<AcceptedPayment> evaluateAccept(Caller caller, PurchaseBodies.AcceptPayment request,
                                                   Language language) {
        PurchaseBodies.Bill bill = request.bill();
        Checked checked = check(caller, new Request(request.storeId(), request.cardNumber(), request.customerId(),
                request.paymentType(), bill.billId(), bill.paymentTime(), bill.currencyId(), bill.billItems(),
                request.benefitCodes(), null), language);
        Evaluation evaluation = evaluate(checked, request.maxPoints(), request.maxCredit(), POINTS_PARAM_ACCEPT);
        return new Traced<>(answer(checked, evaluation), CheckoutTrace.of(evaluation));
    }

    static AcceptedPayment answer(Checked checked, Evaluation e) {
        List<DiscountItem> discounts = new ArrayList<>();
        List<PaymentVoucher> vouchers = new ArrayList<>();
        for (CheckoutEngine.Applied a : e.applied()) {
            if (a.kind() == BenefitProvider.Benefit.Kind.VOUCHER) {
                vouchers.add(new PaymentVoucher(a.code(), a.name(), plain(a.value()), plain(a.percent()),
                        a.billItemId()));
            } else {
                discounts.add(new DiscountItem(a.code(), plain(a.value()), plain(a.percent()), a.name(),
                        a.billItemId()));
            }
        }
        String defaultType = null;
        BigDecimal earnedDefault = BigDecimal.ZERO;
        for (var entry : e.earned().entrySet()) {
            if (defaultType == null) {
                defaultType = entry.getKey();
            }
        }
        earnedDefault = e.earned().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new AcceptedPayment(discounts, plain(e.creditPoints()), plain(e.priceOfCreditPoints()),
                plain(e.credit()), vouchers, plain(earnedDefault), plain(e.totalCreditPoints()),
                plain(e.totalCredit()), e.messages().stream().map(CashierMessage::new).toList());
    }

    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal s = value.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    // --- send-purchase ----------------------------------------------------------------------------------

    /** {@code POST /purchases/actions/send-purchase}: the purchase's id (a cancellation's own id). */
    public String send(Caller caller, PurchaseBodies.SendPurchase request, Language language) {
        return send(caller, request, language, false).answer();
    }

    /**
     * {@code POST /purchases/actions/send-purchase} with the trace of what it committed: the evaluation it
     * committed and what it recorded (for a cancellation, what it took back).
     */
    public Traced<String> sendTraced(Caller caller, PurchaseBodies.SendPurchase request, Language language) {
        return send(caller, request, language, true);
    }

    /** send-purchase; the trace (null unless {@code trace}) is built after every write of the purchase. */
    private Traced<String> send(Caller caller, PurchaseBodies.SendPurchase request, Language language,
                                boolean trace) {
        PurchaseBodies.FinalBill bill = request.bill();
        if (Boolean.TRUE.equals(bill.canceled())) {
            return cancel(caller, request, language);
        }
        PurchaseBodies.PaymentRecap recap = bill.paymentRecap();
        List<String> codes = recapCodes(recap);
        Checked checked = check(caller, new Request(request.storeId(), request.cardNumber(), request.customerId(),
                bill.paymentType(), bill.billId(), bill.paymentTime(), bill.currencyId(), bill.billItems(), codes,
                bill.purchaseTypeId()), language);
        requireNewBill(bill.billId());
        String id = Ids.newId();
        List<PropertyService.CheckedValue> propertyValues = propertyValues(id, bill.propertyRecords());
        BigDecimal creditPoints = recap == null || recap.creditPoints() == null ? BigDecimal.ZERO
                : recap.creditPoints();
        BigDecimal credit = recap == null || recap.amountForCredit() == null ? BigDecimal.ZERO
                : recap.amountForCredit();
        String customerId = checked.basket().customerId();
        if (creditPoints.signum() < 0) {
            throw ApiError.badRequest(List.of(InvalidParam.of(POINTS_PARAM_SEND, Reason.NOT_ALLOWED_VALUE,
                    creditPoints, "Points must not be negative")));
        }
        // read once under the wallet lock: the early refusal and the evaluation see the same wallet
        CheckoutEngine.PointWallet wallet = null;
        if (creditPoints.signum() > 0 && customerId != null) {
            wallet = pointWallet(customerId, bill.currencyId());
            if (wallet != null && wallet.spendable().compareTo(creditPoints) < 0) {
                throw notEnoughPoints(creditPoints, wallet.spendable());
            }
        }
        Evaluation e = evaluate(checked, creditPoints, credit, POINTS_PARAM_SEND, wallet);
        if (e.creditPoints().compareTo(creditPoints) != 0) {
            throw notEnoughPoints(creditPoints, e.creditPoints());
        }
        if (e.credit().compareTo(credit) != 0) {
            throw ApiError.badRequest(List.of(InvalidParam.of("payment_type", Reason.CUSTOMER_CANT_PAY_BY_CREDITS,
                    bill.paymentType(), "Only " + CheckoutEngine.plain(e.credit())
                            + " of the credit can pay this bill")));
        }
        if (!e.refusals().isEmpty()) {
            throw ApiError.badRequest(e.refusals().stream().map(r -> new InvalidParam("benefit_codes", r.reason(),
                    r.code(), r.message())).toList());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        PurchaseRecord purchase = newPurchase(request, bill, checked, customerId, e.finalTotal(), now);
        purchase.setId(id);
        // the payments first: the purchase row is inserted with them (and, for a customer, with the earning this
        // transaction commits), no update of it follows
        String pointType = null;
        if (e.creditPoints().signum() > 0) {
            pointType = wallets.defaultPointTypeId().orElseThrow();
            purchase.setPointTypeId(pointType);
            purchase.setCreditPoints(e.creditPoints());
            purchase.setPointRedemptionId(ledger.spend(new LedgerService.Spending(customerId, pointType, null,
                    e.creditPoints(), null, request.storeId(), note(bill.billId()), Operation.REDEEM)));
        }
        if (e.credit().signum() > 0) {
            String creditType = wallets.defaultCreditTypeId().orElseThrow();
            purchase.setCreditTypeId(creditType);
            purchase.setCreditAmount(e.credit());
            purchase.setCreditRedemptionId(ledger.spend(new LedgerService.Spending(customerId, creditType,
                    bill.currencyId(), e.credit(), null, request.storeId(), note(bill.billId()),
                    Operation.REDUCE_CREDITS)));
        }
        purchase.setPointsEarned(customerId != null);
        insertPurchase(purchase);
        insertItems(id, bill.billItems(), checked, e);
        properties.merge(PurchaseQueries.PURCHASE_KIND, Map.of(id, propertyValues));
        e.used().forEach((provider, benefits) -> provider.commit(id, checked.basket(), benefits));
        List<PurchaseBenefitRecord> benefits = new ArrayList<>();
        for (CheckoutEngine.Applied a : e.applied()) {
            benefits.add(repository.newBenefit(id, benefits.size(), a.provider() == null
                            ? CheckoutEngine.STATUS_DISCOUNT_CODE : a.kind().name().toLowerCase(java.util.Locale.ROOT),
                    a.code(), a.name(), a.rewardId(), a.voucherId(), a.billItemId(), a.value(), a.percent()));
        }
        repository.insertBenefits(benefits);
        if (customerId != null) {
            earn(id, customerId, request.storeId(), bill.billId(), e.earned(), now, false);
        }
        participants.forEach(p -> p.committed(committed(id, customerId, request.storeId(), checked, e)));
        events.publish(EventType.PURCHASE_SENT, id, event(id, customerId, purchase));
        if (!trace) {
            return new Traced<>(id, null);
        }
        List<PurchaseParticipant.Effect> effects = new ArrayList<>();
        participants.forEach(p -> effects.addAll(p.effects(id)));
        return new Traced<>(id, CheckoutTrace.of(e, new CheckoutTrace.Commit(id, pointType,
                e.credit().signum() > 0 ? purchase.getCreditTypeId() : null, effects)));
    }

    /**
     * The bill's property records checked against the purchase property definitions (GET /purchase-properties): a
     * bad one is a 400 naming {@code property_records[i].property_id} (or {@code .property_value}), before anything
     * is written; a property given twice keeps the last value.
     */
    private List<PropertyService.CheckedValue> propertyValues(String purchaseId,
                                                             List<PropertyService.PropertyRecordInput> records) {
        if (records == null || records.isEmpty()) {
            return List.of();
        }
        List<InvalidParam> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) == null) {
                errors.add(InvalidParam.of("property_records[" + i + "]", Reason.REQUIRED,
                        "A property record is required"));
            }
        }
        List<PropertyService.CheckedValue> values = errors.isEmpty()
                ? properties.checker(PurchaseQueries.PURCHASE_KIND).check(purchaseId, records, "property_records",
                errors) : List.of();
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        return values;
    }

    private static ApiError notEnoughPoints(BigDecimal asked, BigDecimal possible) {
        return ApiError.badRequest(List.of(InvalidParam.of(POINTS_PARAM_SEND, Reason.NOT_ENOUGH_POINTS_FOR_PAYMENT,
                CheckoutEngine.plain(asked), "Only " + CheckoutEngine.plain(possible)
                        + " points can pay this bill")));
    }

    private static List<String> recapCodes(PurchaseBodies.PaymentRecap recap) {
        if (recap == null || recap.vouchers() == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(recap.vouchers().stream().map(PaymentVoucher::code)
                .filter(Objects::nonNull).toList()));
    }

    private void requireNewBill(String billId) {
        if (repository.billIdExists(billId)) {
            throw ApiError.badRequest(List.of(InvalidParam.of("bill_id", Reason.ALREADY_EXISTS, billId,
                    "A purchase with this bill_id exists")));
        }
    }

    /** Inserts the purchase; a bill_id taken meanwhile by a concurrent request is {@code already_exists}. */
    private void insertPurchase(PurchaseRecord purchase) {
        try {
            repository.insert(purchase);
        } catch (DataIntegrityViolationException ex) {
            if (repository.billIdExists(purchase.getBillId()) || purchase.getCancelsId() == null) {
                throw ApiError.badRequest(List.of(InvalidParam.of("bill_id", Reason.ALREADY_EXISTS,
                        purchase.getBillId(), "A purchase with this bill_id exists")));
            }
            throw ApiError.badRequest(List.of(InvalidParam.of("bill_number", Reason.ALREADY_EXISTS,
                    purchase.getBillNumber(), "The purchase is already cancelled")));
        }
    }

    private PurchaseRecord newPurchase(PurchaseBodies.SendPurchase request, PurchaseBodies.FinalBill bill,
                                       Checked checked, String customerId, BigDecimal paidTotal, OffsetDateTime now) {
        PurchaseRecord p = repository.newPurchase();
        p.setId(Ids.newId());
        p.setCustomerId(customerId);
        p.setStoreId(request.storeId());
        p.setBillId(bill.billId());
        p.setBillNumber(bill.billNumber());
        p.setTypeId(bill.purchaseTypeId());
        p.setPaymentType(bill.paymentType());
        p.setPaymentTime(checked.basket().at());
        p.setCurrencyId(bill.currencyId());
        p.setTotalPrice(bill.totalPrice());
        p.setPaidTotal(paidTotal);
        p.setCashdeskNumber(String.valueOf(request.cashdeskNumber()));
        p.setCardNumber(checked.cardNumber());
        p.setCreatedBy(bill.createdBy());
        p.setFiscal(bill.fiscal());
        p.setCanceled(Boolean.TRUE.equals(bill.canceled()));
        p.setCreditPoints(BigDecimal.ZERO);
        p.setCreditAmount(BigDecimal.ZERO);
        p.setPointsEarned(false);
        p.setCreatedAt(now);
        p.setLastChange(now);
        return p;
    }

    private void insertItems(String purchaseId, List<BillItem> sent, Checked checked, Evaluation e) {
        Map<String, BillItem> byId = new LinkedHashMap<>();
        sent.forEach(i -> byId.put(i.billItemId(), i));
        List<PurchaseItemRecord> rows = new ArrayList<>();
        int position = 0;
        for (CheckoutBasket.Item item : checked.basket().items()) {
            BillItem b = byId.get(item.billItemId());
            PurchaseItemRecord r = repository.newItem();
            r.setId(Ids.newId());
            r.setPurchaseId(purchaseId);
            r.setPosition(position);
            r.setBillItemId(item.billItemId());
            r.setProductId(item.productId());
            r.setPluName(b.pluName());
            r.setPluIds(String.join(",", item.pluIds()));
            r.setCategoryPluId(b.categoryPluId());
            r.setQuantity(item.quantity());
            r.setPrice(item.price());
            r.setPaidAmount(item.paidAmount());
            CheckoutEngine.ItemResult result = e == null ? null : e.items().get(position);
            r.setFinalAmount(result == null ? item.paidAmount() : result.finalAmount());
            r.setPointsPaid(result == null ? BigDecimal.ZERO : result.pointsPaid());
            r.setVatRate(b.vatRate());
            r.setLoyaltyOff(item.loyaltyOff());
            r.setTypeId(item.purchaseItemTypeId());
            rows.add(r);
            position++;
        }
        repository.insertItems(rows);
    }

    /**
     * Earns the points of each point type as lots of the customer, recorded against the purchase; {@code mark}:
     * sets the purchase's earning flag (send-purchase inserts the purchase with it).
     */
    private void earn(String purchaseId, String customerId, String storeId, String billId,
                      Map<String, BigDecimal> earned, OffsetDateTime now, boolean mark) {
        String partner = earned.isEmpty() ? null : stores.partnersOfStores(List.of(storeId)).get(storeId);
        for (var entry : earned.entrySet()) {
            String lot = ledger.earn(new LedgerService.Earning(customerId, entry.getKey(), null, entry.getValue(),
                    partner, storeId, note(billId), Operation.EARN));
            repository.insertEarning(purchaseId, customerId, entry.getKey(), lot, entry.getValue(), now);
        }
        if (mark) {
            repository.markEarned(purchaseId, now);
        }
    }

    private static String note(String billId) {
        return "Purchase " + billId;
    }

    private static PurchaseParticipant.Committed committed(String id, String customerId, String storeId,
                                                           Checked checked, Evaluation e) {
        List<PurchaseParticipant.PaidItem> items = e.items().stream().map(i -> new PurchaseParticipant.PaidItem(
                i.item().billItemId(), i.item().productId(), i.item().quantity(), i.finalAmount(),
                i.item().loyaltyOff())).toList();
        return new PurchaseParticipant.Committed(id, customerId, storeId, checked.basket().at(), items);
    }

    private static Map<String, Object> event(String id, String customerId, PurchaseRecord p) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purchase_id", id);
        if (customerId != null) {
            payload.put("customer_id", customerId);
        }
        payload.put("store_id", p.getStoreId());
        payload.put("bill_id", p.getBillId());
        payload.put("total_price", p.getTotalPrice());
        payload.put("currency_id", p.getCurrencyId());
        return payload;
    }

    // --- cancellation ----------------------------------------------------------------------------------

    /**
     * A cancellation: {@code bill_number} names the original's bill_id. Refused: an unknown original, a
     * cancellation as original, an original cancelled already, another POS system (store system id) than the
     * original's. Reverses exactly what the original did, in this transaction under the customer's wallet lock.
     */
    private Traced<String> cancel(Caller caller, PurchaseBodies.SendPurchase request, Language language) {
        PurchaseBodies.FinalBill bill = request.bill();
        if (bill.billNumber() == null || bill.billNumber().isBlank()) {
            throw ApiError.badRequest("bill_number", Reason.REQUIRED,
                    "A cancellation names the original bill_id in bill_number");
        }
        PurchaseRecord original = repository.byBillId(bill.billNumber()).orElseThrow(() -> ApiError.badRequest(
                List.of(InvalidParam.of("bill_number", Reason.NOT_FOUND, bill.billNumber(),
                        "No purchase with this bill_id"))));
        if (original.getCanceled()) {
            throw ApiError.badRequest(List.of(InvalidParam.of("bill_number", Reason.NOT_ALLOWED_VALUE,
                    bill.billNumber(), "A cancellation cannot be cancelled")));
        }
        // the original's customer is the cancellation's: take their wallet lock first
        String customerId = original.getCustomerId();
        if (customerId != null) {
            customers.lockStanding(customerId);
        }
        Checked checked = check(caller, new Request(request.storeId(), null, null, bill.paymentType(),
                bill.billId(), bill.paymentTime(), bill.currencyId(), bill.billItems(), List.of(),
                bill.purchaseTypeId()), language);
        if (caller instanceof Caller.CustomerToken) {
            CustomerScope.requireHolder(caller, customerId, "bill_number", bill.billNumber());
        }
        if (repository.cancellationOf(original.getId()).isPresent()) {
            throw ApiError.badRequest(List.of(InvalidParam.of("bill_number", Reason.ALREADY_EXISTS,
                    bill.billNumber(), "The purchase is already cancelled")));
        }
        String system = systemId(request.storeId());
        String originalSystem = systemId(original.getStoreId());
        if (system != null && originalSystem != null && !system.equals(originalSystem)) {
            throw ApiError.badRequest(List.of(InvalidParam.of("system_id", Reason.DIFFERENT_SYSTEM_ID, system,
                    "The cancellation comes from another POS system than the original purchase")));
        }
        requireNewBill(bill.billId());
        String cancellationId = Ids.newId();
        List<PropertyService.CheckedValue> propertyValues = propertyValues(cancellationId, bill.propertyRecords());
        OffsetDateTime now = OffsetDateTime.now(clock);
        PurchaseRecord cancellation = newPurchase(request, bill, checked, customerId, original.getPaidTotal(), now);
        cancellation.setId(cancellationId);
        cancellation.setCancelsId(original.getId());
        insertPurchase(cancellation);
        properties.merge(PurchaseQueries.PURCHASE_KIND, Map.of(cancellationId, propertyValues));
        insertItems(cancellation.getId(), bill.billItems(), checked, null);
        String note = "Cancellation " + bill.billId() + " of " + original.getBillId();
        BigDecimal takenBack = BigDecimal.ZERO;
        for (var earning : repository.earnings(original.getId())) {
            ledger.takeBack(earning.value1(), request.storeId(), note);
            takenBack = takenBack.add(earning.value2());
        }
        if (original.getPointRedemptionId() != null) {
            ledger.reverse(original.getPointRedemptionId(), request.storeId(), note);
        }
        if (original.getCreditRedemptionId() != null) {
            ledger.reverse(original.getCreditRedemptionId(), request.storeId(), note);
        }
        providers.forEach(p -> p.reverse(original.getId()));
        participants.forEach(p -> p.cancelled(original.getId()));
        Map<String, Object> payload = event(cancellation.getId(), customerId, cancellation);
        payload.put("cancelled_purchase_id", original.getId());
        events.publish(EventType.PURCHASE_CANCELLED, original.getId(), payload);
        return new Traced<>(cancellation.getId(), CheckoutTrace.ofCancellation(cancellation.getId(),
                original.getId(), takenBack,
                original.getPointRedemptionId() == null ? BigDecimal.ZERO : original.getCreditPoints(),
                original.getCreditRedemptionId() == null ? BigDecimal.ZERO : original.getCreditAmount()));
    }

    private String systemId(String storeId) {
        if (stores.existingStores(List.of(storeId)).isEmpty()) {
            return null;
        }
        return stores.store(storeId, new Language("en", "en")).systemId();
    }

    // --- attaching a customer later -----------------------------------------------------------------------

    /** {@code POST /purchases/actions/assign-customer}. */
    public void assignCustomer(PurchaseBodies.AssignCustomer request) {
        List<InvalidParam> errors = new ArrayList<>();
        if (request.cardNumber() == null && request.customerId() == null) {
            errors.add(InvalidParam.of("customer_id", Reason.REQUIRED, "Name the customer or the card"));
            throw ApiError.badRequest(errors);
        }
        if (stores.existingStores(List.of(request.storeId())).isEmpty()) {
            errors.add(InvalidParam.of("store_id", Reason.NOT_FOUND, request.storeId(), "No store with this id"));
        }
        PurchaseRecord purchase = repository.byBillId(request.externalPurchaseId()).orElse(null);
        if (purchase == null) {
            errors.add(InvalidParam.of("external_purchase_id", Reason.NOT_FOUND, request.externalPurchaseId(),
                    "No purchase with this bill_id"));
        } else if (errors.isEmpty() && !purchase.getStoreId().equals(request.storeId())) {
            errors.add(InvalidParam.of("store_id", Reason.NOT_ALLOWED_VALUE, request.storeId(),
                    "The purchase was made in another store"));
        }
        String customerId = customer(null, request.cardNumber(), request.customerId(), errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        attach(purchase, customerId, "external_purchase_id", request.externalPurchaseId());
    }

    /** {@code PUT /purchases/{id}}: of the record, Patron changes only the customer of an anonymous purchase. */
    public void replace(String purchaseId, PurchaseBodies.Purchase body) {
        PurchaseRecord purchase = repository.byId(purchaseId)
                .orElseThrow(() -> ApiError.notFound("purchases", purchaseId));
        String customerId = body.customerId();
        if (customerId == null || customerId.equals(purchase.getCustomerId())) {
            if (customerId == null && purchase.getCustomerId() != null) {
                throw ApiError.badRequest(List.of(InvalidParam.of("customer_id", Reason.NOT_ALLOWED_VALUE, null,
                        "The customer of a purchase cannot be removed")));
            }
            return;
        }
        List<InvalidParam> errors = new ArrayList<>();
        String id = customer(null, null, customerId, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        attach(purchase, id, "customer_id", customerId);
    }

    /**
     * Attaches a customer to an anonymous purchase (the customer's wallet lock held) and earns them the points the
     * purchase gives by the rules and their status now. A purchase of this customer already: nothing changes;
     * another customer's: refused; a cancellation, or an original already cancelled: refused.
     */
    private void attach(PurchaseRecord purchase, String customerId, String param, String value) {
        purchase = repository.byId(purchase.getId()).orElseThrow();
        if (customerId.equals(purchase.getCustomerId())) {
            return;
        }
        if (purchase.getCustomerId() != null) {
            throw ApiError.badRequest(List.of(InvalidParam.of(param, Reason.RELATION_ALREADY_EXISTS, value,
                    "The purchase already belongs to another customer")));
        }
        if (purchase.getCanceled() || repository.cancellationOf(purchase.getId()).isPresent()) {
            throw ApiError.badRequest(List.of(InvalidParam.of(param, Reason.NOT_ALLOWED_VALUE, value,
                    "A cancelled purchase or a cancellation gets no customer")));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        repository.setCustomer(purchase.getId(), customerId, now);
        Map<String, String> typeTexts = itemTypeTexts();
        List<CheckoutEngine.ItemResult> items = new ArrayList<>();
        Map<String, String> productOfItem = new LinkedHashMap<>();
        for (PurchaseItemRecord r : repository.items(purchase.getId())) {
            CheckoutBasket.Item item = new CheckoutBasket.Item(r.getBillItemId(), r.getProductId(), List.of(),
                    r.getQuantity(), r.getPrice(), r.getPaidAmount(), r.getLoyaltyOff(), r.getTypeId());
            String text = r.getTypeId() == null ? null : typeTexts.get(r.getTypeId());
            items.add(new CheckoutEngine.ItemResult(item, r.getFinalAmount(), r.getPointsPaid(),
                    CheckoutEngine.earning(item, text)));
            productOfItem.put(r.getBillItemId(), r.getProductId());
        }
        Map<String, CheckoutEngine.Catalog> facts = facts(productOfItem);
        CustomerStatuses.Switches s = statuses.switches(customerId);
        CheckoutEngine.Status status = new CheckoutEngine.Status(s.collectionPoints(), s.paymentPoints(),
                s.discount(), s.discountOnDiscountedItems());
        Map<String, BigDecimal> earned = CheckoutEngine.earn(items, facts, rules(purchase.getCurrencyId()), status,
                CheckoutBasket.PaymentType.valueOf(purchase.getPaymentType()));
        earn(purchase.getId(), customerId, purchase.getStoreId(), purchase.getBillId(), earned, now, true);
        Map<String, Object> payload = event(purchase.getId(), customerId, purchase);
        payload.put("customer_assigned", true);
        events.publish(EventType.PURCHASE_SENT, purchase.getId(), payload);
    }
}
