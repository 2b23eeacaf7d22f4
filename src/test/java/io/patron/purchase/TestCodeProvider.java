package io.patron.purchase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.patron.api.ApiError;
import io.patron.api.InvalidParam;

/**
 * A test-only benefit provider with real logic, acting only on what the checkout tests present: the single-use code
 * {@code TEST-10-*} (10 % off every item, once; a used code is refused with {@code voucher_already_used}, at
 * accept-payment as a cashier message and at send-purchase by {@link #commit}) and, in the store {@code store-b}
 * only, an automated 5 off the first item ({@code TEST-AUTO}).
 */
@Component
class TestCodeProvider implements BenefitProvider {

    static final String STORE = "store-b";

    /** Code → purchase that used it. */
    final Map<String, String> used = new ConcurrentHashMap<>();
    final Set<String> reversed = ConcurrentHashMap.newKeySet();

    @Override
    public int stage() {
        return PRESENTED_CODES;
    }

    @Override
    public Proposal propose(CheckoutBasket basket, Map<String, BigDecimal> remaining, Shared shared) {
        List<Benefit> benefits = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        if (STORE.equals(basket.storeId()) && !basket.items().isEmpty()) {
            String first = basket.items().getFirst().billItemId();
            BigDecimal value = new BigDecimal("5").min(remaining.get(first));
            if (value.signum() > 0) {
                benefits.add(new Benefit(Benefit.Kind.RECOMMENDED_DISCOUNT, "TEST-AUTO", "Five off", false, "r-auto",
                        null, List.of(new ItemDiscount(first, value, BigDecimal.ZERO))));
            }
        }
        for (String code : basket.benefitCodes()) {
            if (!code.startsWith("TEST-10-")) {
                continue;
            }
            if (used.containsKey(code)) {
                refusals.add(new Refusal(code, "voucher_already_used", "Voucher " + code + " was used already"));
                continue;
            }
            List<ItemDiscount> discounts = new ArrayList<>();
            for (CheckoutBasket.Item item : basket.items()) {
                BigDecimal value = remaining.get(item.billItemId()).multiply(BigDecimal.TEN)
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                if (value.signum() > 0) {
                    discounts.add(new ItemDiscount(item.billItemId(), value, BigDecimal.TEN));
                }
            }
            benefits.add(new Benefit(Benefit.Kind.VOUCHER, code, "Ten percent", false, "r-10", "v-" + code,
                    discounts));
        }
        return new Proposal(benefits, refusals);
    }

    @Override
    public void commit(String purchaseId, CheckoutBasket basket, List<Benefit> benefits) {
        for (Benefit b : benefits) {
            if (b.kind() == Benefit.Kind.VOUCHER && used.putIfAbsent(b.code(), purchaseId) != null) {
                throw ApiError.badRequest(List.of(new InvalidParam("benefit_codes", "voucher_already_used", b.code(),
                        "Voucher " + b.code() + " was used meanwhile")));
            }
        }
    }

    @Override
    public void reverse(String purchaseId) {
        if (used.values().removeIf(purchaseId::equals)) {
            reversed.add(purchaseId);
        }
    }
}
