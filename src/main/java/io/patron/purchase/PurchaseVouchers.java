package io.patron.purchase;

import java.util.List;

import io.patron.api.Language;

/**
 * The vouchers of a purchase, as the voucher capability shows them ({@code GET /purchases/{id}/vouchers} and the
 * payment summary's {@code used_vouchers}): the purchases capability records which voucher ids its benefits used,
 * the voucher capability (a Spring bean implementing this) adds what it recorded itself and turns them into its
 * contract bodies. Without one, the lists are empty.
 */
public interface PurchaseVouchers {

    /**
     * The vouchers the purchase used: those of {@code recordedIds} (the purchase's recorded benefits, in their
     * order), then those the voucher capability recorded as used by it (e.g. a catalogue reward bought and used at
     * the desk); each once, withdrawn ones and ids no longer known left out.
     */
    List<Object> used(String purchaseId, List<String> recordedIds, Language language);

    /** The vouchers the purchase issued (e.g. unlocked by the stamps it earned), oldest first. */
    List<Object> issued(String purchaseId, Language language);
}
