package io.patron.purchase;

import java.util.List;

import io.patron.api.Language;

/**
 * The vouchers a purchase used, as the voucher capability shows them ({@code GET /purchases/{id}/vouchers} and the
 * payment summary's {@code used_vouchers}): the purchases capability records which voucher ids its benefits used,
 * the voucher capability (a Spring bean implementing this) turns them into its contract bodies. Without one, the
 * lists are empty.
 */
public interface PurchaseVouchers {

    /** The vouchers with these ids, in this order (ids no longer known are left out). */
    List<Object> vouchers(List<String> voucherIds, Language language);
}
