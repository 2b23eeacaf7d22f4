package io.patron.purchase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.patron.common.Ids;
import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;

/**
 * The project of the checkout rules' tests, on top of test-rewards.yaml and test-purchases.yaml (imported in that
 * order): a static segment, the customer property {@code customer_type}, automated rewards on the cap limited to
 * the segment ({@value #VIP}) or to business customers ({@value #BUSINESS}), a cash-desk code for business customers
 * ({@value #BUSINESS_CODE}), earning multipliers named by external id and product code (Nordic brand ×2, the
 * cap ×3, rounded half up) and a stamper card
 * whose first sock stamp unlocks a voucher of RW-SIMPLE15.
 */
final class CheckoutRules {

    static final String SEGMENT = Ids.stable("segment", "rw-vip-club");
    static final String VIP = "RW-VIP20";
    static final String BUSINESS = "RW-BIZ30";
    static final String BUSINESS_CODE = "RW-BIZCODE";

    private CheckoutRules() {
    }

    static void importInto(ProjectImporter importer) {
        String capCode = "RW-CAP";
        String yaml = """
                segments:
                  - text_id: rw-vip-club
                    name: { en: VIP club }
                properties:
                  - { owner: customer, id: customer_type, name: { en: Customer type }, data_type: string }
                rewards:
                  - code: %1$s
                    name: { en: 20 %% off the cap for the VIP club, cs: Sleva 20 %% na čepici pro VIP klub }
                    reward_group: 4
                    reward_type: percentage_discount
                    value: 20
                    priority: 2
                    is_automated: true
                    segments: [ rw-vip-club ]
                    bonuses:
                      - { related_to: product, targets: [ "RW-CAP" ] }
                  - code: %2$s
                    name: { en: 30 %% off the cap for business customers }
                    reward_group: 4
                    reward_type: percentage_discount
                    value: 30
                    priority: 3
                    is_automated: true
                    customer_types: [ business ]
                    bonuses:
                      - { related_to: product, targets: [ "RW-CAP" ] }
                  - code: %3$s
                    name: { en: 50 off for business customers }
                    reward_group: 0
                    reward_type: fixed_discount
                    value: 50
                    customer_types: [ business ]
                earning_rules:
                  - point_type: club
                    currency: CZK
                    points_per_unit: 0.1
                    rounding: half_up
                    min_points_payment_purchase: 20
                    multipliers:
                      - { brand: %4$s, multiplier: 2 }
                      - { product: "%5$s", multiplier: 3 }
                stamper_campaigns:
                  - id: rw-sock-card
                    name: { en: Sock card }
                    stamp_count: 3
                    conditions:
                      - { id: rw-socks, products: [ { list_code: GLOBAL, code: "RW-SOCK" } ], count: 1 }
                    checkpoints:
                      - { id: rw-sock-first, stamp_number: 1, reward_id: %6$s }
                """.formatted(VIP, BUSINESS, BUSINESS_CODE, "rw-nordic", capCode, Ids.stable("reward", "RW-SIMPLE15"));
        try {
            Path file = Files.createTempFile("test-checkout-rules", ".yaml");
            try {
                Files.writeString(file, yaml);
                importer.apply(ProjectFile.load("file:" + file));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bill item of a catalogue product of test-rewards.yaml (its PLU is the product code). */
    static Map<String, Object> product(String billItemId, String code, Object price) {
        Map<String, Object> item = new HashMap<>();
        item.put("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", code)));
        item.put("plu_name", code);
        item.put("vat_rate", 21);
        item.put("quantity", 1);
        item.put("price", price);
        item.put("paid_amount", price);
        item.put("bill_item_id", billItemId);
        item.put("loyalty_off", false);
        item.put("purchase_item_type_id", PurchaseTest.STORE_ITEM);
        return item;
    }
}
