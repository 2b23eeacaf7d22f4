package io.patron.reward;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;

/**
 * Vouchers held for another record of their customer (an open product reservation, {@code holderRef} names it):
 * a held voucher is neither spent at the checkout nor applied by apply-voucher (it counts as used there) until its
 * holder applies it (the voucher becomes used, as apply-voucher marks it) or releases it. The voucher's row is
 * locked while a hold is decided, so of two holders of one code exactly one wins.
 */
@Service
@Transactional
public class VoucherHolds {

    private final RewardRepository repository;
    private final VoucherService vouchers;
    private final Clock clock;

    VoucherHolds(RewardRepository repository, VoucherService vouchers, Clock clock) {
        this.repository = repository;
        this.vouchers = vouchers;
        this.clock = clock;
    }

    /**
     * Holds the voucher with {@code code} of the customer for {@code holderRef}; a repeat by the same holder changes
     * nothing. Refused (400 naming {@code param}): {@code not_found} (no such voucher),
     * {@code voucher_assigned_to_another_customer}, {@code voucher_already_applied} (held by another holder),
     * {@code voucher_already_used} (used, or a gift card with nothing left), {@code voucher_expired},
     * {@code voucher_cant_be_applied_by_validity_days} (not valid yet), on the project clock.
     *
     * @return the voucher's id
     */
    public String hold(String customerId, String code, String holderRef, String param) {
        RewardRepository.VoucherRow found = repository.voucherByCode(code).filter(v -> v.state() == 1)
                .orElseThrow(() -> refused(param, Reason.NOT_FOUND, code, "No voucher has this code"));
        RewardRepository.VoucherRow v = repository.lockVoucher(found.id()).filter(x -> x.state() == 1)
                .orElseThrow(() -> refused(param, Reason.NOT_FOUND, code, "No voucher has this code"));
        if (customerId == null || !customerId.equals(v.customerId())) {
            throw refused(param, Reason.VOUCHER_ASSIGNED_TO_ANOTHER_CUSTOMER, code,
                    "The voucher is not the customer's");
        }
        String holder = repository.holder(v.id()).orElse(null);
        if (holderRef.equals(holder)) {
            return v.id();
        }
        if (holder != null) {
            throw refused(param, Reason.VOUCHER_ALREADY_APPLIED, code, "The voucher is held for another reservation");
        }
        if (v.appliedAt() != null || (v.balance() != null && v.balance().signum() <= 0)) {
            throw refused(param, Reason.VOUCHER_ALREADY_USED, code, "The voucher was used");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (v.validTo() != null && now.isAfter(v.validTo())) {
            throw refused(param, Reason.VOUCHER_EXPIRED, code, "The voucher's validity has ended");
        }
        if (v.validFrom() != null && now.isBefore(v.validFrom())) {
            throw refused(param, Reason.VOUCHER_CANT_BE_APPLIED_BY_VALIDITY_DAYS, code, "The voucher is not valid yet");
        }
        repository.insertHold(v.id(), holderRef, now);
        return v.id();
    }

    /**
     * Applies what {@code holderRef} holds and ends the holds: each voucher is marked used now in {@code storeId} as
     * apply-voucher marks it (a use recorded, {@code voucher_used} published); a gift card is spent by purchases, so
     * its hold just ends. Answers the ids of the vouchers marked used.
     */
    public List<String> apply(String holderRef, String storeId) {
        List<RewardRepository.VoucherRow> held = repository.heldBy(holderRef).stream()
                .map(id -> repository.lockVoucher(id).orElseThrow()).toList();
        repository.deleteHolds(holderRef);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> applied = new ArrayList<>();
        for (RewardRepository.VoucherRow v : held) {
            if (v.state() == 1 && v.appliedAt() == null && v.originalBalance() == null) {
                vouchers.markApplied(v, storeId, now);
                applied.add(v.id());
            }
        }
        return applied;
    }

    /** Ends the holds of {@code holderRef}: its vouchers are spendable again. */
    public void release(String holderRef) {
        repository.deleteHolds(holderRef);
    }

    private static ApiError refused(String param, Reason reason, String code, String message) {
        return ApiError.badRequest(List.of(InvalidParam.of(param, reason, code, message)));
    }
}
