package io.patron.reward;

import static io.patron.db.Tables.VOUCHER;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.patron.api.CustomerWrites;
import io.patron.api.ErrorProcessing;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.api.TextLimits;
import io.patron.common.Ids;
import io.patron.customer.CustomerService;
import io.patron.events.DomainEvents;
import io.patron.events.EventType;
import io.patron.loyalty.LedgerService;
import io.patron.loyalty.LoyaltyLedger;
import io.patron.loyalty.Operation;
import io.patron.segment.SegmentService;
import io.patron.store.StoreQueries;

/**
 * A customer's vouchers: issued from a reward (bought with its points cost in the same transaction, or free when
 * automation or an import issues them), moved, applied outside the checkout, deleted while unused (points given
 * back), and imported in batches. Every issue holds the customer's wallet lock and the reward's row lock, so the
 * reward's limits (in total and per customer) are counted in the committing transaction.
 */
@Service
@Transactional
public class VoucherService {

    /** Where a voucher came from (column {@code voucher.source}). */
    public static final String SOURCE_API = "api";
    public static final String SOURCE_CUSTOM = "custom";
    public static final String SOURCE_BATCH = "batch";
    public static final String SOURCE_AUTOMATION = "automation";
    /** The source of vouchers a stamper card (or one of its checkpoints) unlocked: {@code stamper:<card>[:<checkpoint>]}. */
    public static final String SOURCE_STAMPER = "stamper";
    public static final String SOURCE_CHECKOUT = "checkout";

    /** The project switch that enables create-custom-voucher (section {@code reward_settings}). */
    static final String CUSTOM_VOUCHERS_SWITCH = "custom_vouchers";

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int CODE_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RewardRepository repository;
    private final CustomerWrites writes;
    private final CustomerService customers;
    private final LedgerService ledgerWrites;
    private final LoyaltyLedger ledger;
    private final SegmentService segments;
    private final StoreQueries stores;
    private final DomainEvents events;
    private final Clock clock;

    VoucherService(RewardRepository repository, CustomerWrites writes, CustomerService customers,
                   LedgerService ledgerWrites, LoyaltyLedger ledger, SegmentService segments, StoreQueries stores,
                   DomainEvents events, Clock clock) {
        this.repository = repository;
        this.writes = writes;
        this.customers = customers;
        this.ledgerWrites = ledgerWrites;
        this.ledger = ledger;
        this.segments = segments;
        this.stores = stores;
        this.events = events;
        this.clock = clock;
    }

    /** What an issue is asked for: the code (null: generated), note, custom value, and whether to charge points. */
    private record Issue(String code, String note, BigDecimal customValue, boolean charge, String source) {
    }

    // --- issuing ---------------------------------------------------------------------------------

    /**
     * {@code POST /rewards/{id}/actions/create-voucher}: a voucher of a catalogue (1) or simple (4) reward for the
     * customer, paying the reward's points cost from the default point type in the same transaction (not enough
     * points: 400 {@code not_enough_points_for_voucher} naming {@code customer_id}, nothing written).
     */
    public String createVoucher(Caller caller, String rewardId, RewardBodies.NewVoucher body) {
        RewardRepository.RewardRow reward = rewardFor(rewardId);
        if (reward.group() != 1 && reward.group() != 4) {
            throw ApiError.badRequest("reward_id", Reason.NOT_ALLOWED_VALUE,
                    "Only a catalogue (1) or simple (4) reward gives vouchers here");
        }
        writes.lockInBody(caller, body.customerId(), "customer_id");
        return issueLocked(body.customerId(), reward, new Issue(body.code(), body.note(), null, true, SOURCE_API));
    }

    /**
     * {@code POST /rewards/{id}/actions/create-custom-voucher}: a voucher of a simple reward worth {@code value}
     * (money off the bill, instead of the reward's own rule); free of points. Off unless the project enables it.
     */
    public String createCustomVoucher(Caller caller, String rewardId, RewardBodies.NewCustomVoucher body) {
        if (!repository.setting(CUSTOM_VOUCHERS_SWITCH).map("enabled"::equals).orElse(false)) {
            throw ApiError.forbidden("This action method is disabled: the project switch '" + CUSTOM_VOUCHERS_SWITCH
                    + "' (section reward_settings of the project file) is off");
        }
        RewardRepository.RewardRow reward = rewardFor(rewardId);
        if (reward.group() != 4) {
            throw ApiError.badRequest("reward_id", Reason.NOT_ALLOWED_VALUE, "Only a simple reward (4) gives custom vouchers");
        }
        if (body.value().signum() <= 0) {
            throw ApiError.badRequest(List.of(InvalidParam.of("value", Reason.NOT_ALLOWED_VALUE, body.value(),
                    "The value must be positive")));
        }
        writes.lockInBody(caller, body.customerId(), "customer_id");
        return issueLocked(body.customerId(), reward,
                new Issue(body.code(), body.note(), body.value(), false, SOURCE_CUSTOM));
    }

    /**
     * Issues a voucher of the reward to the customer, free of points (automation: a campaign voucher, a stamp
     * card's reward), with the reward's limits and validity rule. {@code source} is recorded (e.g.
     * {@value #SOURCE_AUTOMATION}). Throws {@link ApiError} 400 when the customer or reward cannot take it.
     *
     * @return the new voucher's id
     */
    public String issue(String customerId, String rewardId, String source) {
        RewardRepository.RewardRow reward = rewardFor(rewardId);
        if (reward.group() == 0) {
            throw ApiError.badRequest("reward_id", Reason.NOT_ALLOWED_VALUE, "A cash-desk reward has no vouchers");
        }
        if (customers.lockStanding(customerId) != CustomerService.Standing.ACTIVE) {
            throw ApiError.badRequest("customer_id", Reason.NOT_FOUND, "No such customer");
        }
        return issueLocked(customerId, reward, new Issue(null, null, null, false, source));
    }

    /**
     * Issues the voucher a stamper card (or a checkpoint of it, {@code key} = card id[:checkpoint id]) unlocked, once:
     * a repeat (a redelivered event) answers the voucher already issued. Under the customer's lock, so two
     * deliveries take turns. {@code purchaseId}, the purchase whose stamps unlocked it (may be null), is recorded
     * as the voucher's issuing purchase.
     */
    public String issueForStamper(String customerId, String rewardId, String key, String purchaseId) {
        String source = SOURCE_STAMPER + ":" + key;
        customers.lockStanding(customerId);
        List<RewardRepository.VoucherRow> issued = repository.lockVouchersBySource(customerId, source);
        if (!issued.isEmpty()) {
            return issued.getFirst().id();
        }
        String id = issue(customerId, rewardId, source);
        issuedBy(id, purchaseId);
        return id;
    }

    /** Records the purchase that issued the voucher (shown by {@code GET /purchases/{id}/vouchers}). */
    private void issuedBy(String voucherId, String purchaseId) {
        if (purchaseId != null) {
            Map<org.jooq.Field<?>, Object> values = new HashMap<>();
            values.put(VOUCHER.PURCHASE_ID, purchaseId);
            repository.updateVoucher(voucherId, values);
        }
    }

    /**
     * Withdraws the unused vouchers a stamper card or checkpoint unlocked ({@code key} as in {@link #issueForStamper})
     * when a cancellation took the card back below it; a voucher already used stays with the customer. Answers how
     * many were withdrawn.
     */
    public int withdrawForStamper(String customerId, String key) {
        customers.lockStanding(customerId);
        int withdrawn = 0;
        for (RewardRepository.VoucherRow voucher : repository.lockVouchersBySource(customerId, SOURCE_STAMPER + ":" + key)) {
            if (!spent(voucher)) {
                Map<org.jooq.Field<?>, Object> values = new HashMap<>();
                values.put(VOUCHER.STATE, 0);
                values.put(VOUCHER.LAST_CHANGE, OffsetDateTime.now(clock));
                repository.updateVoucher(voucher.id(), values);
                withdrawn++;
            }
        }
        return withdrawn;
    }

    /** A catalogue reward bought at the cash desk: a voucher paid with points in the purchase's transaction. */
    String issueAtCheckout(String customerId, RewardRepository.RewardRow reward, String purchaseId) {
        String id = issueLocked(customerId, reward, new Issue(null, null, null, true, SOURCE_CHECKOUT));
        issuedBy(id, purchaseId);
        return id;
    }

    private RewardRepository.RewardRow rewardFor(String rewardId) {
        RewardRepository.RewardRow reward = repository.reward(rewardId).filter(r -> r.state() != 0)
                .orElseThrow(() -> ApiError.notFound("rewards", rewardId));
        LocalDate today = LocalDate.now(clock);
        if (reward.state() != 1) {
            throw ApiError.badRequest("reward_id", Reason.NOT_ALLOWED_VALUE, "The reward is not active");
        }
        if (reward.validTo() != null && reward.validTo().isBefore(today)) {
            throw ApiError.badRequest("reward_id", Reason.VOUCHER_EXPIRED, "The reward's validity has ended");
        }
        return reward;
    }

    /** The issue itself, under the customer's lock (taken by the caller); takes the reward's lock. */
    private String issueLocked(String customerId, RewardRepository.RewardRow reward, Issue issue) {
        List<InvalidParam> errors = new ArrayList<>();
        String code = issue.code();
        if (code != null) {
            checkCode(code, "code", errors);
        } else if ("M".equals(reward.codeGeneration()) && !SOURCE_AUTOMATION.equals(issue.source())
                && !issue.source().startsWith(SOURCE_STAMPER + ":")) {
            errors.add(InvalidParam.of("code", Reason.REQUIRED, null, "The reward's voucher codes are given, not generated"));
        }
        if (issue.note() != null) {
            TextLimits.problem("note", issue.note()).ifPresent(p ->
                    errors.add(InvalidParam.of("note", Reason.INVALID_VALUE_FORMAT, null, p)));
        }
        Set<String> rewardSegments = repository.segments(List.of(reward.id())).getOrDefault(reward.id(), Set.of());
        if (!rewardSegments.isEmpty() && segments.segmentsOf(customerId).stream().noneMatch(rewardSegments::contains)) {
            errors.add(InvalidParam.of("customer_id", Reason.VOUCHER_CANT_BE_APPLIED_BY_SEGMENT, customerId,
                    "The reward is only for customers of its segments"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        repository.lockReward(reward.id());
        requireWithinLimits(reward, customerId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String redemption = null;
        BigDecimal cost = reward.pointsCost();
        if (issue.charge() && cost != null && cost.signum() > 0) {
            String type = ledger.defaultPointTypeId().orElseThrow(() -> ApiError.badRequest("customer_id",
                    Reason.NOT_ENOUGH_POINTS_FOR_VOUCHER, "The project has no point type to pay with"));
            BigDecimal spendable = ledger.pointBalance(customerId, type).spendable();
            if (spendable.compareTo(cost) < 0) {
                throw ApiError.badRequest(List.of(InvalidParam.of("customer_id", Reason.NOT_ENOUGH_POINTS_FOR_VOUCHER,
                        customerId, "The voucher costs " + RewardQueries.plain(cost).toPlainString()
                                + " points; " + RewardQueries.plain(spendable).toPlainString() + " can be spent")));
            }
            redemption = ledgerWrites.spend(new LedgerService.Spending(customerId, type, null, cost,
                    reward.partnerId(), null, "Voucher of reward " + reward.code(), Operation.REDEEM));
        }
        String id = Ids.newId();
        VoucherValidity.Window window = VoucherValidity.of(reward, now, clock.getZone());
        BigDecimal balance = reward.giftCard()
                ? (issue.customValue() != null ? issue.customValue() : reward.typeValue()) : null;
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        values.put(VOUCHER.ID, id);
        values.put(VOUCHER.CODE, code != null ? code : newCode());
        values.put(VOUCHER.REWARD_ID, reward.id());
        values.put(VOUCHER.CUSTOMER_ID, customerId);
        values.put(VOUCHER.CUSTOM_VALUE, reward.giftCard() ? null : issue.customValue());
        values.put(VOUCHER.ORIGINAL_BALANCE, balance);
        values.put(VOUCHER.BALANCE, balance);
        values.put(VOUCHER.VALID_FROM, window.from());
        values.put(VOUCHER.VALID_TO, window.to());
        values.put(VOUCHER.NOTE, issue.note());
        values.put(VOUCHER.REDEMPTION_ID, redemption);
        values.put(VOUCHER.SOURCE, issue.source());
        values.put(VOUCHER.STATE, 1);
        values.put(VOUCHER.CREATED_AT, now);
        values.put(VOUCHER.LAST_CHANGE, now);
        repository.insertVoucher(values);
        events.publish(EventType.VOUCHER_ISSUED, customerId, Map.of("voucher_id", id, "customer_id", customerId,
                "reward_id", reward.id()));
        return id;
    }

    /** The reward's voucher limits, counted under its row lock. */
    private void requireWithinLimits(RewardRepository.RewardRow reward, String customerId) {
        if (reward.limitTotal() != null && repository.vouchersIssued(reward.id(), null) >= reward.limitTotal()) {
            throw ApiError.badRequest("reward_id", Reason.NOT_ALLOWED_VALUE,
                    "The reward's vouchers are used up (at most " + reward.limitTotal() + ")");
        }
        if (reward.limitPerCustomer() != null
                && repository.vouchersIssued(reward.id(), customerId) >= reward.limitPerCustomer()) {
            throw ApiError.badRequest("customer_id", Reason.NOT_ALLOWED_VALUE,
                    "The customer has the most vouchers of this reward (" + reward.limitPerCustomer() + ")");
        }
    }

    private void checkCode(String code, String param, List<InvalidParam> errors) {
        var problem = TextLimits.problem("code", code);
        if (code.isBlank()) {
            errors.add(InvalidParam.of(param, Reason.EMPTY, code, "The code is empty"));
        } else if (problem.isPresent()) {
            errors.add(InvalidParam.of(param, Reason.INVALID_VALUE_FORMAT, null, problem.get()));
        } else if (repository.codeTaken(code)) {
            errors.add(InvalidParam.of(param, Reason.ALREADY_EXISTS, code, "A voucher or reward has this code"));
        }
    }

    /** A new unguessable code: 12 characters of a 32-letter alphabet (60 random bits), unique. */
    private String newCode() {
        while (true) {
            char[] code = new char[CODE_LENGTH];
            for (int i = 0; i < CODE_LENGTH; i++) {
                code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
            }
            String candidate = new String(code);
            if (!repository.codeTaken(candidate)) {
                return candidate;
            }
        }
    }

    // --- changes ---------------------------------------------------------------------------------

    private RewardRepository.VoucherRow lockVoucher(Caller caller, String voucherId) {
        RewardRepository.VoucherRow voucher = repository.lockVoucher(voucherId).filter(v -> v.state() != 0)
                .orElseThrow(() -> ApiError.notFound("vouchers", voucherId));
        CustomerScope.requireHolder(caller, voucher.customerId(), "voucher_id", voucherId);
        return voucher;
    }

    /** A gift card counts as used once any of its balance is spent. */
    private static boolean spent(RewardRepository.VoucherRow v) {
        return v.used() || (v.balance() != null && v.originalBalance() != null
                && v.balance().compareTo(v.originalBalance()) < 0);
    }

    /**
     * {@code PUT /vouchers/{id}}: the whole record. It may move to another customer only when its reward is portable
     * (on the Customer API never to another customer), never becomes unused again ({@code applied_date} left out of
     * a used voucher is refused), and its code stays unique. {@code value} is derived and ignored.
     */
    public void replace(Caller caller, String voucherId, RewardBodies.VoucherInput input) {
        RewardRepository.VoucherRow voucher = lockVoucher(caller, voucherId);
        RewardRepository.RewardRow reward = repository.reward(voucher.rewardId()).orElseThrow();
        String at = "voucher.";
        List<InvalidParam> errors = new ArrayList<>();
        CustomerWrites.checkOwn(caller, input.customerId(), at + "customer_id", errors);
        boolean moves = !input.customerId().equals(voucher.customerId());
        if (errors.isEmpty() && moves) {
            if (!reward.portable()) {
                errors.add(InvalidParam.of(at + "customer_id", Reason.NOT_ALLOWED_VALUE, input.customerId(),
                        "The voucher's reward is not portable"));
            } else if (customers.lockStanding(input.customerId()) != CustomerService.Standing.ACTIVE) {
                errors.add(InvalidParam.of(at + "customer_id", Reason.NOT_FOUND, input.customerId(), "No such customer"));
            }
        }
        if (input.code() != null && !input.code().equals(voucher.code())) {
            checkCode(input.code(), at + "code", errors);
        }
        if (voucher.used() && input.appliedDate() == null) {
            errors.add(InvalidParam.of(at + "applied_date", Reason.NOT_ALLOWED_VALUE, null,
                    "A used voucher stays used"));
        }
        if (input.storeId() != null && stores.existingStores(List.of(input.storeId())).isEmpty()) {
            errors.add(InvalidParam.of(at + "store_id", Reason.NOT_FOUND, input.storeId(), "No such store"));
        }
        if (input.validFrom() != null && input.validTo() != null && input.validTo().isBefore(input.validFrom())) {
            errors.add(InvalidParam.of(at + "valid_to", Reason.NOT_ALLOWED_VALUE, null, "valid_to is before valid_from"));
        }
        if (input.note() != null) {
            TextLimits.problem("note", input.note()).ifPresent(p ->
                    errors.add(InvalidParam.of(at + "note", Reason.INVALID_VALUE_FORMAT, null, p)));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        values.put(VOUCHER.CUSTOMER_ID, input.customerId());
        if (input.code() != null) {
            values.put(VOUCHER.CODE, input.code());
        }
        values.put(VOUCHER.STORE_ID, input.storeId());
        // a used voucher keeps being used (its date may be corrected); an unused one becomes used by a date
        values.put(VOUCHER.APPLIED_AT, at(input.appliedDate()));
        values.put(VOUCHER.VALID_FROM, at(input.validFrom()));
        values.put(VOUCHER.VALID_TO, at(input.validTo()));
        values.put(VOUCHER.NOTE, input.note());
        values.put(VOUCHER.LAST_CHANGE, now);
        repository.updateVoucher(voucherId, values);
        if (!voucher.used() && input.appliedDate() != null) {
            repository.insertUse(voucher.rewardId(), voucherId, input.customerId(), null, BigDecimal.ZERO, now);
            events.publish(EventType.VOUCHER_USED, input.customerId(), Map.of("voucher_id", voucherId,
                    "customer_id", input.customerId(), "reward_id", voucher.rewardId()));
        }
    }

    /**
     * {@code DELETE /vouchers/{id}}: only a voucher not used (a gift card nothing was spent of); the points its
     * purchase cost are given back to the lots they came from.
     */
    public void delete(Caller caller, String voucherId) {
        RewardRepository.VoucherRow voucher = lockVoucher(caller, voucherId);
        if (spent(voucher)) {
            throw ApiError.badRequest("voucher_id", Reason.VOUCHER_ALREADY_USED, "A used voucher cannot be deleted");
        }
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        values.put(VOUCHER.STATE, 0);
        values.put(VOUCHER.LAST_CHANGE, OffsetDateTime.now(clock));
        repository.updateVoucher(voucherId, values);
        if (voucher.redemptionId() != null) {
            ledgerWrites.reverse(voucher.redemptionId(), null, "Voucher " + voucher.code() + " deleted");
        }
    }

    /**
     * {@code POST /vouchers/{id}/actions/apply-voucher}: marks a voucher used outside the checkout (once). A gift
     * card is spent by purchases, not applied: {@code voucher_invalid_type_of_usage}.
     */
    public void apply(Caller caller, String voucherId, RewardBodies.ApplyVoucher body) {
        RewardRepository.VoucherRow voucher = lockVoucher(caller, voucherId);
        RewardRepository.RewardRow reward = repository.reward(voucher.rewardId()).orElseThrow();
        OffsetDateTime when = at(body.dateApplied());
        List<InvalidParam> errors = new ArrayList<>();
        if (reward.giftCard()) {
            errors.add(InvalidParam.of("voucher_id", Reason.VOUCHER_INVALID_TYPE_OF_USAGE, voucherId,
                    "A gift card is spent by purchases"));
        } else if (voucher.used()) {
            errors.add(InvalidParam.of("voucher_id", Reason.VOUCHER_ALREADY_USED, voucherId, "The voucher was used"));
        } else if (voucher.validTo() != null && when.isAfter(voucher.validTo())) {
            errors.add(InvalidParam.of("date_applied", Reason.VOUCHER_EXPIRED, body.dateApplied(),
                    "The voucher's validity ended before this date"));
        } else if (voucher.validFrom() != null && when.isBefore(voucher.validFrom())) {
            errors.add(InvalidParam.of("date_applied", Reason.VOUCHER_CANT_BE_APPLIED_BY_VALIDITY_DAYS,
                    body.dateApplied(), "The voucher is not valid yet at this date"));
        }
        if (body.storeId() != null && stores.existingStores(List.of(body.storeId())).isEmpty()) {
            errors.add(InvalidParam.of("store_id", Reason.NOT_FOUND, body.storeId(), "No such store"));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        markApplied(voucher, body.storeId(), when);
    }

    /** Marks the (locked) voucher used at {@code when} outside the checkout, as apply-voucher and {@link VoucherHolds} do. */
    void markApplied(RewardRepository.VoucherRow voucher, String storeId, OffsetDateTime when) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<org.jooq.Field<?>, Object> values = new HashMap<>();
        values.put(VOUCHER.APPLIED_AT, when);
        values.put(VOUCHER.STORE_ID, storeId);
        values.put(VOUCHER.LAST_CHANGE, now);
        repository.updateVoucher(voucher.id(), values);
        repository.insertUse(voucher.rewardId(), voucher.id(), voucher.customerId(), null, BigDecimal.ZERO, now);
        if (voucher.customerId() != null) {
            events.publish(EventType.VOUCHER_USED, voucher.customerId(), Map.of("voucher_id", voucher.id(),
                    "customer_id", voucher.customerId(), "reward_id", voucher.rewardId()));
        }
    }

    /** {@code POST /vouchers/actions/gift-card-balance}: by {@code voucher_id} or {@code code}. */
    @Transactional(readOnly = true)
    public RewardBodies.GiftCardBalance giftCardBalance(Caller caller, RewardBodies.GiftCardQuery query) {
        RewardRepository.VoucherRow voucher;
        if (query.voucherId() != null && !query.voucherId().isBlank()) {
            voucher = repository.voucher(query.voucherId()).filter(v -> v.state() != 0).orElseThrow(() ->
                    ApiError.badRequest("voucher_id", Reason.NOT_FOUND, "No such voucher"));
        } else if (query.code() != null && !query.code().isBlank()) {
            voucher = repository.voucherByCode(query.code()).filter(v -> v.state() != 0).orElseThrow(() ->
                    ApiError.badRequest("code", Reason.NOT_FOUND, "No voucher has this code"));
        } else {
            throw ApiError.badRequest(List.of(InvalidParam.of("voucher_id", Reason.REQUIRED, null,
                    "voucher_id or code is required")));
        }
        CustomerScope.requireHolder(caller, voucher.customerId(), "voucher_id", voucher.id());
        if (voucher.originalBalance() == null) {
            throw ApiError.badRequest(List.of(InvalidParam.of("voucher_id", Reason.VOUCHER_INVALID_TYPE_OF_USAGE,
                    voucher.id(), "The voucher is not a gift card")));
        }
        return new RewardBodies.GiftCardBalance(voucher.id(), RewardQueries.plain(voucher.balance()),
                RewardQueries.plain(voucher.originalBalance()));
    }

    /**
     * {@code POST /vouchers/batch}: imports vouchers as given (free of points; codes unique, generated when left
     * out; validity from the reward's rule where none is given); {@code error_processing} 1 or 2.
     */
    public BatchOutcome batch(RewardBodies.VoucherBatch body) {
        ErrorProcessing outcome = ErrorProcessing.of(body.errorProcessing());
        Set<String> codesInBatch = new HashSet<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < body.vouchers().size(); i++) {
            RewardBodies.BatchVoucher v = body.vouchers().get(i);
            String at = "vouchers[" + i + "].";
            List<InvalidParam> errors = new ArrayList<>();
            RewardRepository.RewardRow reward = repository.reward(v.rewardId()).filter(r -> r.state() != 0)
                    .orElse(null);
            if (reward == null) {
                errors.add(InvalidParam.of(at + "reward_id", Reason.NOT_FOUND, v.rewardId(), "No such reward"));
            } else if (reward.group() == 0) {
                errors.add(InvalidParam.of(at + "reward_id", Reason.NOT_ALLOWED_VALUE, v.rewardId(),
                        "A cash-desk reward has no vouchers"));
            }
            if (!customers.exists(v.customerId())) {
                errors.add(InvalidParam.of(at + "customer_id", Reason.NOT_FOUND, v.customerId(), "No such customer"));
            }
            if (v.code() != null) {
                if (!codesInBatch.add(v.code())) {
                    errors.add(InvalidParam.of(at + "code", Reason.ALREADY_EXISTS, v.code(),
                            "Another voucher of the batch has this code"));
                } else {
                    checkCode(v.code(), at + "code", errors);
                }
            }
            if (v.storeId() != null && stores.existingStores(List.of(v.storeId())).isEmpty()) {
                errors.add(InvalidParam.of(at + "store_id", Reason.NOT_FOUND, v.storeId(), "No such store"));
            }
            if (v.value() != null && v.value().signum() < 0) {
                errors.add(InvalidParam.of(at + "value", Reason.NOT_ALLOWED_VALUE, v.value(), "Must not be negative"));
            }
            if (v.note() != null) {
                TextLimits.problem("note", v.note()).ifPresent(p ->
                        errors.add(InvalidParam.of(at + "note", Reason.INVALID_VALUE_FORMAT, null, p)));
            }
            if (!outcome.accept(errors)) {
                continue;
            }
            VoucherValidity.Window window = VoucherValidity.of(reward, now, clock.getZone());
            BigDecimal balance = reward.giftCard() ? (v.value() != null ? v.value() : reward.typeValue()) : null;
            String id = Ids.newId();
            Map<org.jooq.Field<?>, Object> values = new HashMap<>();
            values.put(VOUCHER.ID, id);
            values.put(VOUCHER.CODE, v.code() != null ? v.code() : newCode());
            values.put(VOUCHER.REWARD_ID, reward.id());
            values.put(VOUCHER.CUSTOMER_ID, v.customerId());
            values.put(VOUCHER.STORE_ID, v.storeId());
            values.put(VOUCHER.APPLIED_AT, at(v.appliedDate()));
            values.put(VOUCHER.VOUCHER_VALUE, v.appliedDate() != null && !reward.giftCard() ? v.value() : null);
            values.put(VOUCHER.CUSTOM_VALUE, v.appliedDate() == null && !reward.giftCard() ? v.value() : null);
            values.put(VOUCHER.ORIGINAL_BALANCE, balance);
            values.put(VOUCHER.BALANCE, balance);
            values.put(VOUCHER.VALID_FROM, v.validFrom() != null ? at(v.validFrom()) : window.from());
            values.put(VOUCHER.VALID_TO, v.validTo() != null ? at(v.validTo()) : window.to());
            values.put(VOUCHER.NOTE, v.note());
            values.put(VOUCHER.SOURCE, SOURCE_BATCH);
            values.put(VOUCHER.STATE, 1);
            values.put(VOUCHER.CREATED_AT, now);
            values.put(VOUCHER.LAST_CHANGE, now);
            repository.insertVoucher(values);
            if (v.appliedDate() != null) {
                repository.insertUse(reward.id(), id, v.customerId(), null, BigDecimal.ZERO, now);
            }
        }
        return outcome.outcome();
    }

    private OffsetDateTime at(LocalDateTime local) {
        return local == null ? null : local.atZone(clock.getZone()).toOffsetDateTime();
    }
}
