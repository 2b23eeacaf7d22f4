package io.patron.reward;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.patron.common.Ids;
import io.patron.reference.CurrencyQueries;
import io.patron.support.Api;

/** Shared data of the campaign, stamper and order tests (project file {@code test-campaigns.yaml}). */
public final class CampaignFixtures {

    public static final String CZK = CurrencyQueries.currencyId("CZK");
    public static final String EUR = CurrencyQueries.currencyId("EUR");
    public static final String PRAGUE = Ids.stable("store", "PRG01");
    public static final String BRNO = Ids.stable("store", "BRN01");
    public static final String ESHOP = Ids.stable("customer_source", "eshop");

    private CampaignFixtures() {
    }

    public static String productId(Api admin, String code) {
        return admin.get("/products", "code", code).expect(200).data().path("products").get(0).path("product_id")
                .asString();
    }

    public static Map<String, Object> signUp(String email, boolean autologin) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Stamp");
        info.put("last_name", "Collector");
        info.put("email", email);
        info.put("language_id", "cs");
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", autologin);
        body.put("password", "S3cret-pass");
        return body;
    }

    public static String newCustomer(Api api, String email) {
        return api.post("/customers", signUp(email, false)).expect(201).data().path("customer_id").asString();
    }

    public static List<String> ids(Api.Response answer, String plural, String field) {
        List<String> out = new java.util.ArrayList<>();
        answer.expect(200).data().path(plural).forEach(n -> out.add(n.path(field).asString()));
        return out;
    }
}
