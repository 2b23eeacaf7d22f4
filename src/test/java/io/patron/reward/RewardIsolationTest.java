package io.patron.reward;

import static io.patron.reward.Rewards.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** The Customer API sees and changes only the logged-in customer's vouchers; the other interface's operations are 403. */
class RewardIsolationTest extends ApiTest {

    @BeforeEach
    void project() {
        importProject("test-rewards.yaml");
    }

    private Api loggedIn(String device, String email) {
        String token = customerToken(device);
        Api app = customer().bearer(token);
        app.post("/tokens/" + token + "/actions/login", Map.of("login_type", "email", "login_value", email,
                "password", Rewards.PASSWORD)).expect(200);
        return app;
    }

    private static List<String> ids(JsonNode vouchers) {
        List<String> out = new ArrayList<>();
        vouchers.forEach(v -> out.add(v.path("voucher_id").asString()));
        return out;
    }

    @Test
    void aCustomerSeesAndChangesOnlyTheirOwnVouchers() {
        Api admin = admin();
        String me = Rewards.newCustomer(admin, "me@rewards.test");
        String other = Rewards.newCustomer(admin, "other@rewards.test");
        Rewards.points(admin, me, 300);
        Rewards.points(admin, other, 300);
        String mine = Rewards.batchVoucher(admin, "RW-GIFT", me, "ISO-MINE");
        String theirs = Rewards.batchVoucher(admin, "RW-GIFT", other, "ISO-THEIRS");
        String theirCampaign = Rewards.batchVoucher(admin, "RW-CAMPAIGN", other, "ISO-CAMP");
        Api app = loggedIn("iso-phone", "me@rewards.test");

        assertThat(ids(app.get("/vouchers").expect(200).data().path("vouchers"))).containsExactly(mine);
        assertThat(app.get("/vouchers", "customer_id", other).expect(200).data().path("total_items").asInt()).isZero();
        assertThat(app.get("/vouchers", "code", "ISO-THEIRS").expect(200).data().path("total_items").asInt()).isZero();
        app.get("/vouchers/" + mine).expect(200);
        assertThat(app.get("/vouchers/" + theirs).expect(400).invalidParams())
                .containsExactly("voucher_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/vouchers/" + theirs + "/property-records").expect(400).invalidParams())
                .containsExactly("voucher_id:not_belong_to_logged_in_customer");
        assertThat(ids(app.get("/customers/" + me + "/vouchers").expect(200).data().path("vouchers")))
                .containsExactly(mine);
        assertThat(app.get("/customers/" + other + "/vouchers").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/customers/" + other + "/rewards").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/customers/" + other + "/reward-recommendations").expect(400).invalidParams())
                .containsExactly("customer_id:not_belong_to_logged_in_customer");
        assertThat(app.get("/rewards/actions/reward-recommendations", "customer_id", other).expect(400)
                .invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        app.get("/customers/" + me + "/rewards").expect(200);
        app.get("/customers/" + me + "/reward-recommendations").expect(200);
        // the reward's vouchers: only mine
        assertThat(ids(app.get("/rewards/" + id("RW-GIFT") + "/vouchers").expect(200).data().path("vouchers")))
                .containsExactly(mine);

        // writes on another customer's vouchers, or for another customer
        assertThat(app.post("/vouchers/actions/gift-card-balance", Map.of("code", "ISO-THEIRS")).expect(400)
                .invalidParams()).containsExactly("voucher_id:not_belong_to_logged_in_customer");
        app.post("/vouchers/actions/gift-card-balance", Map.of("code", "ISO-MINE")).expect(200);
        assertThat(app.post("/vouchers/" + theirCampaign + "/actions/apply-voucher", Map.of("date_applied",
                "2026-12-01 10:00:00")).expect(400).invalidParams())
                .containsExactly("voucher_id:not_belong_to_logged_in_customer");
        assertThat(app.delete("/vouchers/" + theirs).expect(400).invalidParams())
                .containsExactly("voucher_id:not_belong_to_logged_in_customer");
        assertThat(app.put("/vouchers/" + theirs, Map.of("voucher", Map.of("customer_id", me))).expect(400)
                .invalidParams()).containsExactly("voucher_id:not_belong_to_logged_in_customer");
        // my portable gift card cannot be handed to another customer from the app
        assertThat(app.put("/vouchers/" + mine, Map.of("voucher", Map.of("customer_id", other))).expect(400)
                .invalidParams()).containsExactly("voucher.customer_id:not_belong_to_logged_in_customer");
        assertThat(app.post("/rewards/" + id("RW-CATALOG") + "/actions/create-voucher", Map.of("customer_id", other))
                .expect(400).invalidParams()).containsExactly("customer_id:not_belong_to_logged_in_customer");
        // nothing of the other customer changed
        assertThat(admin.get("/vouchers", "customer_id", other).expect(200).data().path("total_items").asInt())
                .isEqualTo(2);
        assertThat(admin.get("/vouchers/" + theirCampaign).expect(200).data().has("applied_date")).isFalse();

        // the customer buys a catalogue voucher for themself
        String bought = app.post("/rewards/" + id("RW-CATALOG") + "/actions/create-voucher",
                Map.of("customer_id", me)).expect(201).data().path("voucher_id").asString();
        app.delete("/vouchers/" + bought).expect(204);

        // Enterprise-only operations
        app.post("/vouchers/batch", Map.of("vouchers", List.of())).expect(403);
        app.post("/rewards/" + id("RW-CAMPAIGN") + "/actions/set-products", Map.of("products", List.of())).expect(403);

        // a token without a logged-in customer sees no voucher at all
        Api anonymous = customer().bearer(customerToken("iso-phone-2"));
        assertThat(anonymous.get("/vouchers").expect(200).data().path("total_items").asInt()).isZero();
        anonymous.get("/vouchers/" + mine).expect(403);
    }
}
