package io.patron.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.support.ApiTest;

/** The demo project's stores (its file of them; DemoProjectTest imports all files),, partner, groups and card types import (twice) and read as the contract says. */
class DemoStoresTest extends ApiTest {


    @BeforeEach
    void importDemoTwice() {
        for (int round = 0; round < 2; round++) {
            importProject("demo/20-stores.yaml");
        }
    }

    @Test
    void theDemoRetailerHasItsStoresGroupsAndCardTypes() {
        assertThat(admin().get("/stores").expect(200).data().path("total_items").asInt()).isEqualTo(8);
        assertThat(admin().get("/stores", "visible_for_customer", "1").expect(200).data().path("total_items").asInt())
                .isEqualTo(7);
        assertThat(admin().get("/partners").expect(200).data().path("total_items").asInt()).isEqualTo(1);
        assertThat(admin().get("/store-groups").expect(200).data().path("total_items").asInt()).isEqualTo(2);
        assertThat(admin().get("/card-types").expect(200).data().path("total_items").asInt()).isEqualTo(2);
        assertThat(admin().get("/store-properties").expect(200).data().path("total_items").asInt()).isEqualTo(6);
        assertThat(admin().get("/partner-properties").expect(200).data().path("total_items").asInt()).isEqualTo(3);

        String prague = Ids.stable("store", "PRG01");
        JsonNode store = admin().header("Accept-Language", "cs").get("/stores/" + prague).expect(200).data();
        assertThat(store.path("name").asString()).isEqualTo("Praha – Na Příkopě");
        assertThat(store.path("opening")).hasSize(7);
        assertThat(admin().get("/stores/" + prague + "/property-records").expect(200).data().path("total_items")
                .asInt()).isEqualTo(6);
        assertThat(admin().get("/stores/" + prague + "/store-group-records").expect(200).data()
                .path("store_group_records").get(0).path("store_group_id").asString())
                .isEqualTo(Ids.stable("store_group", "brick_and_mortar"));
        String partner = Ids.stable("partner", "patron_demo");
        assertThat(admin().get("/partners/" + partner + "/property-records").expect(200).data().path("total_items")
                .asInt()).isEqualTo(3);
        assertThat(customer().bearer(customerToken("dev")).get("/stores/" + Ids.stable("store", "PLZ01")).expect(200)
                .data().path("opening").get(6).path("time_intervals")).isEmpty();
    }
}
