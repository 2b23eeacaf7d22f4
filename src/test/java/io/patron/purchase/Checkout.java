package io.patron.purchase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.patron.common.Ids;
import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;

/** Helpers of the checkout's tests: customers, bills and requests as a cash desk sends them. */
final class Checkout {

    static final String STORE = "store-a";
    static final String OTHER_STORE = "store-b";
    static final String OTHER_SYSTEM_STORE = "store-x";
    static final String CLUB = "pt-club";
    static final String GIFT = "ct-gift";
    static final String PASSWORD = "S3cret-pass";
    static final String CZK = CurrencyQueries.currencyId("CZK");
    static final String STORE_PURCHASE = Ids.stable("purchase_type", "store_purchase");
    static final String ESHOP = Ids.stable("customer_source", "eshop");

    private Checkout() {
    }

    static String newCustomer(Api api, String email) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Basket");
        info.put("last_name", "Holder");
        info.put("email", email);
        info.put("language_id", "cs");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", PASSWORD);
        return api.post("/customers", body).expect(201).data().path("customer_id").asString();
    }

    static void assign(Api api, String customerId, Object amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer_id", customerId);
        body.put("amount", amount);
        body.put("partner_id", "shop-partner");
        body.put("point_type_id", CLUB);
        api.post("/points/actions/assign-points", body).expect(201);
    }

    static Map<String, Object> item(String billItemId, Object price, Object paid, String itemTypeId) {
        Map<String, Object> item = new HashMap<>();
        item.put("plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "PLU-" + billItemId)));
        item.put("plu_name", "Article " + billItemId);
        item.put("vat_rate", 21);
        item.put("quantity", 1);
        item.put("price", price);
        item.put("paid_amount", paid);
        item.put("bill_item_id", billItemId);
        item.put("loyalty_off", false);
        item.put("purchase_item_type_id", itemTypeId);
        return item;
    }

    static Map<String, Object> bill(String billId, List<Map<String, Object>> items) {
        Map<String, Object> bill = new HashMap<>();
        bill.put("bill_id", billId);
        bill.put("payment_time", "2026-12-01 10:00:00");
        bill.put("currency_id", CZK);
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> i : items) {
            total = total.add(new BigDecimal(String.valueOf(i.get("paid_amount"))));
        }
        bill.put("total_price", total);
        bill.put("bill_items", new ArrayList<>(items));
        return bill;
    }

    static Map<String, Object> accept(String customerId, String paymentType, Object maxPoints,
                                      Map<String, Object> bill) {
        Map<String, Object> body = new HashMap<>();
        body.put("store_id", STORE);
        body.put("cashdesk_number", 1);
        if (customerId != null) {
            body.put("customer_id", customerId);
        }
        body.put("payment_type", paymentType);
        if (maxPoints != null) {
            body.put("max_points", maxPoints);
        }
        body.put("bill", bill);
        return body;
    }

    /** A send-purchase of the bill with the recap of points (and credit, may be null). */
    static Map<String, Object> send(String customerId, String paymentType, Object creditPoints, Object credit,
                                    Map<String, Object> bill) {
        Map<String, Object> finalBill = new HashMap<>(bill);
        finalBill.put("purchase_type_id", STORE_PURCHASE);
        finalBill.put("canceled", false);
        finalBill.put("payment_type", paymentType);
        Map<String, Object> recap = new HashMap<>();
        if (creditPoints != null) {
            recap.put("credit_points", creditPoints);
        }
        if (credit != null) {
            recap.put("amount_for_credit", credit);
        }
        finalBill.put("payment_recap", recap);
        Map<String, Object> body = new HashMap<>();
        body.put("store_id", STORE);
        body.put("cashdesk_number", 1);
        if (customerId != null) {
            body.put("customer_id", customerId);
        }
        body.put("bill", finalBill);
        return body;
    }

    /** The cancellation of the purchase sent with {@code original}: bill_id "C" + original, bill_number original. */
    static Map<String, Object> cancellation(Map<String, Object> original) {
        Map<String, Object> body = new HashMap<>(original);
        @SuppressWarnings("unchecked")
        Map<String, Object> bill = new HashMap<>((Map<String, Object>) original.get("bill"));
        bill.put("bill_number", bill.get("bill_id"));
        bill.put("bill_id", "C" + bill.get("bill_id"));
        bill.put("canceled", true);
        bill.remove("payment_recap");
        body.remove("customer_id");
        body.put("bill", bill);
        return body;
    }
}
