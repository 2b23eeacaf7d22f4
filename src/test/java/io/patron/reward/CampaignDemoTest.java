package io.patron.reward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The demo project's campaign prices, stamp campaign with stamps, and e-shop orders (imported twice: once each). */
class CampaignDemoTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @Test
    void theDemoHasCampaignPricesStampsAndOrders() {
        for (int i = 0; i < 2; i++) {
            for (String file : new String[] {"10-users", "20-stores", "30-catalog", "40-customers", "85-campaigns"}) {
                importer.apply(ProjectFile.load("classpath:project/demo/" + file + ".yaml"));
            }
        }
        Api admin = admin();
        assertThat(admin.get("/campaigns", "external_id", "MERINO-2026").expect(200).data().path("total_items")
                .asInt()).isEqualTo(1);
        assertThat(admin.get("/campaign-products").expect(200).data().path("total_items").asInt()).isEqualTo(3);
        assertThat(admin.get("/campaign-products", "display_in", "web").expect(200).data().path("total_items")
                .asInt()).isEqualTo(2);
        String customer = admin.get("/cards", "card_number", "2900000000001").expect(200).data().path("cards").get(0)
                .path("customer_id").asString();
        JsonNode cards = admin.get("/stamper-cards", "customer_id", customer).expect(200).data();
        assertThat(cards.path("total_items").asInt()).isEqualTo(2);
        assertThat(cards.path("stamper_cards").get(0).path("is_filled_up").asBoolean()).isTrue();
        assertThat(cards.path("stamper_cards").get(1).path("stamps")).hasSize(1);
        assertThat(admin.get("/stamps").expect(200).data().path("total_items").asInt()).isEqualTo(7);
        assertThat(admin.get("/stamper-campaigns/tshirt-club").expect(200).data().path("stamper_bonus_checkpoints")
                .get(0).path("stamp_number").asInt()).isEqualTo(3);
        assertThat(admin.get("/orders").expect(200).data().path("total_items").asInt()).isEqualTo(3);
        assertThat(admin.get("/orders", "customer_id", customer).expect(200).data().path("orders").get(0)
                .path("order_items")).hasSize(2);
    }
}
