package io.patron.purchase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.Caller;
import io.patron.api.Language;
import io.patron.api.Page;

/**
 * {@code POST /purchases/actions/recommended-best-rewards}: the rewards and vouchers the benefit providers give this
 * bill (the same evaluation as accept-payment, without presented codes and without points or credits), one entry
 * per code, ranked by the total discount they give the bill (highest first), then by code. {@code max_count} is the
 * number of bill items the benefit applies to. List types F, C and A all list what applies to the bill: Patron's
 * providers propose only benefits that apply (documented in docs/decisions.md).
 */
@Service
@Transactional
class BestRewards {

    record RecommendedReward(String code, String name, Integer maxCount, String description) {
    }

    private final PurchaseService purchases;

    BestRewards(PurchaseService purchases) {
        this.purchases = purchases;
    }

    Page<RecommendedReward> recommend(Caller caller, PurchaseBodies.RecommendedBestRewards request,
                                      Language language) {
        PurchaseBodies.Bill bill = request.bill();
        PurchaseService.Checked checked = purchases.check(caller, new PurchaseService.Request(request.storeId(),
                request.cardNumber(), request.customerId(), "A", bill.billId(), bill.paymentTime(),
                bill.currencyId(), bill.billItems(), List.of(), null), language);
        CheckoutEngine.Evaluation e = purchases.evaluate(checked, null, null, "max_points");
        record Sum(String code, String name, BigDecimal total, int items) {
        }
        Map<String, Sum> byCode = new LinkedHashMap<>();
        for (CheckoutEngine.Applied a : e.applied()) {
            if (a.provider() == null || a.code() == null) {
                continue; // the status discount is no reward
            }
            byCode.merge(a.code(), new Sum(a.code(), a.name(), a.value(), 1),
                    (x, y) -> new Sum(x.code(), x.name(), x.total().add(y.total()), x.items() + y.items()));
        }
        List<RecommendedReward> ranked = new ArrayList<>(byCode.values().stream()
                .sorted(Comparator.comparing(Sum::total).reversed().thenComparing(Sum::code))
                .map(s -> new RecommendedReward(s.code(), s.name(), s.items(), s.name())).toList());
        return new Page<>(ranked, ranked.size());
    }
}
