package io.patron.reward;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.Language;
import io.patron.purchase.PurchaseVouchers;

/**
 * The vouchers of a purchase for the purchase reads: used (its recorded benefits, plus the uses this capability
 * counted for it) and issued (vouchers whose issuing purchase it is: stamper unlocks, catalogue rewards bought at
 * its desk). A cancelled purchase's uses are no longer counted, so its used vouchers are those its benefits
 * recorded.
 */
@Component
@Transactional(readOnly = true)
class PurchaseVoucherList implements PurchaseVouchers {

    private final RewardRepository repository;
    private final RewardQueries queries;

    PurchaseVoucherList(RewardRepository repository, RewardQueries queries) {
        this.repository = repository;
        this.queries = queries;
    }

    @Override
    public List<Object> used(String purchaseId, List<String> recordedIds, Language language) {
        Set<String> ids = new LinkedHashSet<>(recordedIds);
        repository.usesOf(purchaseId).forEach(use -> {
            if (use.value3() != null) {
                ids.add(use.value3());
            }
        });
        return new ArrayList<>(queries.vouchersByIds(List.copyOf(ids), language));
    }

    @Override
    public List<Object> issued(String purchaseId, Language language) {
        return new ArrayList<>(queries.vouchersByIds(repository.vouchersIssuedBy(purchaseId), language));
    }
}
