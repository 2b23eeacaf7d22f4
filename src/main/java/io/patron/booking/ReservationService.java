package io.patron.booking;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.BatchOutcome;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.ErrorProcessing;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.booking.ReservationBodies.ExternalCode;
import io.patron.booking.ReservationBodies.Item;
import io.patron.booking.ReservationBodies.PriceId;
import io.patron.booking.ReservationBodies.PriceInput;
import io.patron.booking.ReservationBodies.ReservationInput;
import io.patron.card.CustomerDirectory;
import io.patron.catalog.CatalogQueries;
import io.patron.common.Ids;
import io.patron.db.tables.records.ProductReservationRecord;
import io.patron.reference.CurrencyQueries;
import io.patron.reward.VoucherHolds;
import io.patron.store.StoreQueries;

/**
 * Product reservations and their state machine, and reservation prices. A reservation starts Entered (1); the
 * open states Entered, Accepted (2), In progress (5), Ordered (7) and Being solved (8) may move to one another, to
 * Delivered (4), Not picked up (6) or Canceled (0); Not picked up may still become Delivered or Canceled; Delivered
 * and Canceled are final. Ready (3) is not among the contract's states and is never used.
 */
@Service
@Transactional
public class ReservationService {

    static final Set<Integer> OPEN = Set.of(1, 2, 5, 7, 8);
    static final Map<Integer, String> STATE_NAMES = Map.of(0, "Canceled", 1, "Entered", 2, "Accepted",
            4, "Delivered", 5, "In progress", 6, "Not picked up", 7, "Ordered", 8, "Being solved");
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReservationRepository repository;
    private final CustomerDirectory customers;
    private final StoreQueries stores;
    private final CurrencyQueries currencies;
    private final CatalogQueries catalog;
    private final VoucherHolds holds;
    private final Clock clock;

    ReservationService(ReservationRepository repository, CustomerDirectory customers, StoreQueries stores,
                       CurrencyQueries currencies, CatalogQueries catalog, VoucherHolds holds, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.stores = stores;
        this.currencies = currencies;
        this.catalog = catalog;
        this.holds = holds;
        this.clock = clock;
    }

    static boolean allowed(int from, int to) {
        if (OPEN.contains(from)) {
            return to != from;
        }
        return from == 6 && (to == 4 || to == 0);
    }

    /** {@code POST /product-reservations}: the new reservation's id. */
    public String create(Caller caller, ReservationInput in) {
        return create(caller, in, Ids.newId());
    }

    /** As {@link #create(Caller, ReservationInput)} with the id given (the demo's reservations have stable ids). */
    String create(Caller caller, ReservationInput in, String id) {
        String at = "product_reservation.";
        CustomerScope.requireAccess(caller, in.customerId(), at + "customer_id");
        List<InvalidParam> errors = new ArrayList<>();
        if (!customers.exists(in.customerId())) {
            errors.add(InvalidParam.of(at + "customer_id", Reason.NOT_FOUND, in.customerId(), "No such customer"));
        }
        boolean storeExists = stores.existingStores(List.of(in.storeId())).contains(in.storeId());
        if (!storeExists) {
            errors.add(InvalidParam.of(at + "store_id", Reason.NOT_FOUND, in.storeId(), "No such store"));
        }
        if (!repository.sourceActive(in.productReservationSourceId())) {
            errors.add(InvalidParam.of(at + "product_reservation_source_id", Reason.NOT_FOUND,
                    in.productReservationSourceId(), "No such active product reservation source"));
        }
        List<Item> items = in.productReservationItems() == null ? List.of() : in.productReservationItems();
        List<ExternalCode> codes = in.externalReservationCodes() == null ? List.of() : in.externalReservationCodes();
        if (items.isEmpty() && codes.isEmpty()) {
            errors.add(InvalidParam.of(at + "product_reservation_items", Reason.REQUIRED,
                    "A reservation needs reservation items or external reservation codes"));
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String itemAt = at + "product_reservation_items[" + i + "].";
            if (!repository.reservable(item.reservableProductId())) {
                errors.add(InvalidParam.of(itemAt + "reservable_product_id", Reason.NOT_FOUND,
                        item.reservableProductId(), "No such reservable product"));
            } else if (storeExists && !repository.reservableIn(item.reservableProductId(), in.storeId())) {
                errors.add(InvalidParam.of(itemAt + "reservable_product_id", Reason.NOT_ALLOWED_VALUE,
                        item.reservableProductId(), "The product cannot be reserved in this store"));
            }
            if (item.amount().signum() <= 0) {
                errors.add(InvalidParam.of(itemAt + "amount", Reason.NOT_ALLOWED_VALUE, item.amount(),
                        "The amount must be positive"));
            }
            if ((item.unitPrice() == null) != (item.vatRate() == null)) {
                errors.add(InvalidParam.of(itemAt + (item.unitPrice() == null ? "unit_price" : "vat_rate"),
                        Reason.REQUIRED, "unit_price and vat_rate go together"));
            }
        }
        checkCodes(codes, at + "external_reservation_codes", errors);
        if ((in.totalPrice() == null) != (in.currencyId() == null)) {
            errors.add(InvalidParam.of(at + (in.totalPrice() == null ? "total_price" : "currency_id"),
                    Reason.REQUIRED, "total_price and currency_id go together"));
        } else if (in.currencyId() != null && currencies.activeIds(List.of(in.currencyId())).isEmpty()) {
            errors.add(InvalidParam.of(at + "currency_id", Reason.NOT_FOUND, in.currencyId(), "No such currency"));
        }
        List<String> benefits = in.benefitCodes() == null ? List.of() : in.benefitCodes();
        if (new HashSet<>(benefits).size() != benefits.size()) {
            errors.add(InvalidParam.of(at + "benefit_codes", Reason.NOT_ALLOWED_VALUE, "A benefit code is repeated"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        // the customer's vouchers, held while the reservation is open (a refused code refuses the whole reservation)
        for (int i = 0; i < benefits.size(); i++) {
            holds.hold(in.customerId(), benefits.get(i), holderRef(id), at + "benefit_codes[" + i + "]");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        ProductReservationRecord r = repository.newReservation();
        r.setId(id);
        r.setReservationCode(newCode());
        r.setCustomerId(in.customerId());
        r.setStoreId(in.storeId());
        r.setSourceId(in.productReservationSourceId());
        r.setCustomersNote(in.customersNote());
        r.setTotalPrice(in.totalPrice());
        r.setCurrencyId(in.currencyId());
        r.setExternalPurchaseId(in.externalPurchaseId());
        if (in.utm() != null) {
            r.setUtmSource(in.utm().utmSource());
            r.setUtmMedium(in.utm().utmMedium());
            r.setUtmCampaign(in.utm().utmCampaign());
        }
        r.setActualState(1);
        r.setCreatedAt(now);
        r.setLastChange(now);
        r.store();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            repository.insertItem(r.getId(), item.reservableProductId(), item.amount(), item.unitPrice(),
                    item.vatRate(), i);
        }
        codes.forEach(c -> repository.setCode(r.getId(), c.externalCodeTypeId(), c.value()));
        for (int i = 0; i < benefits.size(); i++) {
            repository.insertBenefit(r.getId(), benefits.get(i), i);
        }
        repository.insertProgress(r.getId(), 1, now);
        return r.getId();
    }

    /** How the reservation is named as the holder of its vouchers. */
    static String holderRef(String reservationId) {
        return "product_reservation:" + reservationId;
    }

    private void checkCodes(List<ExternalCode> codes, String param, List<InvalidParam> errors) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String type = codes.get(i).externalCodeTypeId();
            if (!repository.listTypeExists(type)) {
                errors.add(InvalidParam.of(param + "[" + i + "].external_code_type_id", Reason.NOT_FOUND, type,
                        "No such external list type"));
            } else if (!types.add(type)) {
                errors.add(InvalidParam.of(param + "[" + i + "].external_code_type_id", Reason.ALREADY_EXISTS, type,
                        "One code per list type"));
            }
        }
    }

    private String newCode() {
        while (true) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
            }
            if (!repository.codeTaken(code.toString())) {
                return code.toString();
            }
        }
    }

    /** {@code cancel-reservation}: the body must name the reservation of the path. */
    public void cancel(Caller caller, String pathId, String bodyId) {
        if (!pathId.equals(bodyId)) {
            throw ApiError.badRequest("product_reservation_id", Reason.NOT_ALLOWED_VALUE,
                    "The body names another reservation than the path");
        }
        changeState(caller, pathId, 0);
    }

    /** Moves the reservation to {@code state} if the state machine allows it; the same state again changes nothing. */
    public void changeState(Caller caller, String id, int state) {
        ProductReservationRecord r = repository.lock(id).orElseThrow(() -> ApiError.notFound("product-reservations", id));
        CustomerScope.requireAccess(caller, r.getCustomerId(), "product_reservation_id");
        if (r.getActualState() == state) {
            return;
        }
        if (!allowed(r.getActualState(), state)) {
            throw ApiError.badRequest("state", Reason.NOT_ALLOWED_VALUE, "A reservation "
                    + STATE_NAMES.get(r.getActualState()) + " cannot become " + STATE_NAMES.get(state));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        r.setActualState(state);
        r.setLastChange(now);
        if (state == 4) {
            r.setPickupDate(LocalDate.now(clock));
            holds.apply(holderRef(id), r.getStoreId());
            repository.settleBenefits(id, ReservationRepository.APPLIED);
        } else if (state == 0) {
            holds.release(holderRef(id));
            repository.settleBenefits(id, ReservationRepository.RELEASED);
        }
        r.update();
        repository.insertProgress(id, state, now);
    }

    /** {@code set-product-reservation-external-codes}: replaces the codes of the types named, keeps the others. */
    public void setCodes(String id, List<ExternalCode> codes) {
        ProductReservationRecord r = repository.lock(id).orElseThrow(() -> ApiError.notFound("product-reservations", id));
        List<InvalidParam> errors = new ArrayList<>();
        checkCodes(codes, "external_reservation_codes", errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        codes.forEach(c -> repository.setCode(id, c.externalCodeTypeId(), c.value()));
        r.setLastChange(OffsetDateTime.now(clock));
        r.update();
    }

    // --- prices ----------------------------------------------------------------------------------

    /** {@code POST /product-reservation-prices/batch}: one price per product, store and currency, inserted or updated. */
    public BatchOutcome upsertPrices(List<PriceInput> prices, Integer errorProcessing) {
        ErrorProcessing rule = ErrorProcessing.of(errorProcessing);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < prices.size(); i++) {
            PriceInput p = prices.get(i);
            String at = "product_reservation_prices[" + i + "].";
            List<InvalidParam> errors = new ArrayList<>();
            String productId = p.reservableProductId();
            if (productId == null && (p.pluIds() == null || p.pluIds().isEmpty())) {
                errors.add(InvalidParam.of(at + "reservable_product_id", Reason.REQUIRED,
                        "reservable_product_id or plu_ids is required"));
            } else {
                if (productId == null) {
                    productId = catalog.productIdByPlu(p.pluIds().stream().filter(x -> x != null
                            && x.listCode() != null && x.code() != null).toList()).orElse(null);
                }
                if (productId == null || !repository.reservable(productId)) {
                    errors.add(InvalidParam.of(at + (p.reservableProductId() == null ? "plu_ids" : "reservable_product_id"),
                            Reason.NOT_FOUND, "No such reservable product"));
                }
            }
            if (p.value() == null) {
                errors.add(InvalidParam.of(at + "value", Reason.REQUIRED, "The price is required"));
            } else if (p.value().signum() < 0) {
                errors.add(InvalidParam.of(at + "value", Reason.NOT_ALLOWED_VALUE, p.value(), "A price is not negative"));
            }
            if (p.currencyId() == null || p.currencyId().isBlank()) {
                errors.add(InvalidParam.of(at + "currency_id", Reason.REQUIRED, "The currency is required"));
            } else if (currencies.activeIds(List.of(p.currencyId())).isEmpty()) {
                errors.add(InvalidParam.of(at + "currency_id", Reason.NOT_FOUND, p.currencyId(), "No such currency"));
            }
            if (p.storeId() != null && !stores.existingStores(List.of(p.storeId())).contains(p.storeId())) {
                errors.add(InvalidParam.of(at + "store_id", Reason.NOT_FOUND, p.storeId(), "No such store"));
            }
            if (rule.accept(errors)) {
                repository.upsertPrice(productId, p.storeId(), p.currencyId(),
                        p.value().setScale(4, java.math.RoundingMode.HALF_UP), now);
            }
        }
        return rule.outcome();
    }

    /** {@code DELETE /product-reservation-prices/batch}. */
    public BatchOutcome deletePrices(List<PriceId> ids, Integer errorProcessing) {
        ErrorProcessing rule = ErrorProcessing.of(errorProcessing);
        Set<String> existing = repository.existingPrices(ids.stream().map(PriceId::productReservationPriceId)
                .filter(java.util.Objects::nonNull).toList());
        List<String> delete = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i).productReservationPriceId();
            String at = "product_reservation_prices[" + i + "].product_reservation_price_id";
            List<InvalidParam> errors = new ArrayList<>();
            if (id == null || id.isBlank()) {
                errors.add(InvalidParam.of(at, Reason.REQUIRED, "The price id is required"));
            } else if (!existing.contains(id)) {
                errors.add(InvalidParam.of(at, Reason.NOT_FOUND, id, "No such product reservation price"));
            }
            if (rule.accept(errors)) {
                delete.add(id);
            }
        }
        repository.deletePrices(delete);
        return rule.outcome();
    }

    static BigDecimal plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().scale() < 0 ? value.setScale(0)
                : value.stripTrailingZeros();
    }
}
