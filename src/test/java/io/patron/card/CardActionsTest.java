package io.patron.card;

import static io.patron.card.CardTest.GOLD;
import static io.patron.card.CardTest.SILVER;
import static io.patron.card.CardTest.card;
import static io.patron.card.CardTest.newCard;
import static io.patron.card.CardTest.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The card actions: free cards, digital card files, PassMachine and ISIC. */
class CardActionsTest extends ApiTest {

    @org.junit.jupiter.api.BeforeEach
    void cardTypes() {
        importProject("test-cards.yaml");
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Api.Response assign(Api api, String typeId, String customerId, String number) {
        Map<String, Object> body = new HashMap<>();
        body.put("card_type_id", typeId);
        body.put("customer_id", customerId);
        if (number != null) {
            body.put("card_number", number);
        }
        return api.post("/cards/actions/assign-free-card", body);
    }

    private String holderOf(String cardId) {
        return admin().get("/cards/" + cardId).expect(200).data().path("customer_id").asString();
    }

    @Test
    void aFreeCardIsAssignedOnceFromThePoolOrByNumber() {
        String jana = newCustomer(admin(), "jana@example.com");
        String petr = newCustomer(admin(), "petr@example.com");
        String eva = newCustomer(admin(), "eva@example.com");
        String second = newCard(admin(), card("P-2", null, GOLD, 1));
        String first = newCard(admin(), card("P-1", null, GOLD, 1));
        newCard(admin(), card("P-0", null, GOLD, 0));
        Map<String, Object> expired = card("P-00", null, GOLD, 1);
        expired.put("valid_to", "2020-01-01 00:00:00");
        newCard(admin(), expired);
        String silver = newCard(admin(), card("S-1", null, SILVER, 1));

        // without a number: the next active, unexpired free card of the type, by number
        assertThat(assign(admin(), GOLD, jana, null).expect(200).data().path("card_id").asString()).isEqualTo(first);
        assertThat(holderOf(first)).isEqualTo(jana);
        // one card per type per customer
        assertThat(assign(admin(), GOLD, jana, null).expect(400).invalidParams())
                .containsExactly("card_type_id:relation_already_exists");
        // a card assigned to someone else cannot be assigned again
        assertThat(assign(admin(), GOLD, petr, "P-1").expect(400).invalidParams())
                .containsExactly("card_number:relation_already_exists");
        assertThat(assign(admin(), GOLD, petr, "P-0").expect(400).invalidParams())
                .containsExactly("card_number:not_allowed_value");
        assertThat(assign(admin(), GOLD, petr, "P-00").expect(400).invalidParams())
                .containsExactly("card_number:not_allowed_value");
        assertThat(assign(admin(), GOLD, petr, "S-1").expect(400).invalidParams())
                .containsExactly("card_number:not_allowed_value");
        assertThat(assign(admin(), GOLD, petr, "NOPE").expect(400).invalidParams())
                .containsExactly("card_number:not_found");
        assertThat(assign(admin(), SILVER, petr, "S-1").expect(200).data().path("card_id").asString())
                .isEqualTo(silver);
        assertThat(assign(admin(), GOLD, petr, null).expect(200).data().path("card_id").asString()).isEqualTo(second);
        // the pool of the type is empty now
        assertThat(assign(admin(), GOLD, eva, null).expect(400).invalidParams())
                .containsExactly("card_type_id:not_found");
        assertThat(assign(admin(), GOLD, "nobody", null).expect(400).invalidParams())
                .containsExactly("customer_id:not_found");
        assertThat(admin().post("/cards/actions/assign-free-card", Map.of("customer_id", eva)).expect(400)
                .invalidParams()).containsExactly("card_type_id:required");
    }

    @Test
    void concurrentAssignmentsNeverShareACard() throws Exception {
        newCard(admin(), card("C-1", null, GOLD, 1));
        newCard(admin(), card("C-2", null, GOLD, 1));
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            customers.add(newCustomer(admin(), "c" + i + "@example.com"));
        }
        Api api = admin();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(customers.size())) {
            for (String customer : customers) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return assign(api, GOLD, customer, null);
                }));
            }
            start.countDown();
        }
        List<String> assigned = Collections.synchronizedList(new ArrayList<>());
        int refused = 0;
        for (Future<Api.Response> answer : answers) {
            Api.Response response = answer.get();
            if (response.status() == 200) {
                assigned.add(response.data().path("card_id").asString());
            } else {
                assertThat(response.invalidParams()).containsExactly("card_type_id:not_found");
                refused++;
            }
        }
        assertThat(assigned).hasSize(2).doesNotHaveDuplicates();
        assertThat(refused).isEqualTo(4);
    }

    @Test
    void aCardIsFreeToUseWhenItExistsIsActiveValidAndUnassigned() {
        String jana = newCustomer(admin(), "jana@example.com");
        newCard(admin(), card("FREE", null, GOLD, 1));
        newCard(admin(), card("TAKEN", jana, GOLD, 1));
        newCard(admin(), card("BLOCKED", null, GOLD, 0));
        Map<String, Object> expired = card("EXPIRED", null, GOLD, 1);
        expired.put("valid_to", "2020-01-01 00:00:00");
        newCard(admin(), expired);
        for (String number : List.of("FREE", "TAKEN", "BLOCKED", "EXPIRED", "UNKNOWN")) {
            assertThat(admin().post("/cards/actions/validate-free-card", Map.of("card_number", number)).expect(200)
                    .data().path("is_free_to_use").asBoolean()).as(number).isEqualTo(number.equals("FREE"));
        }
        assertThat(admin().post("/cards/actions/validate-free-card", Map.of()).expect(400).invalidParams())
                .containsExactly("card_number:required");
    }

    @Test
    void digitalCardFilesAreRealPngsAtTheirUrl() throws Exception {
        String jana = newCustomer(admin(), "jana@example.com");
        String id = newCard(admin(), card("1000000000016", jana, GOLD, 1));
        for (String type : List.of("png", "qr-png")) {
            String url = admin().post("/cards/actions/generate-digital-card-file",
                    Map.of("card_id", id, "file_type", type)).expect(200).data().path("file_url").asString();
            assertThat(url).matches("http://[^/]+:" + port + "/files/cards/[0-9a-f]{64}\\.png");
            HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(file.body()).startsWith(PNG_SIGNATURE);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file.body()));
            Result decoded = new MultiFormatReader().decode(
                    new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            assertThat(decoded.getText()).isEqualTo("1000000000016");
            assertThat(decoded.getBarcodeFormat())
                    .isEqualTo(type.equals("png") ? BarcodeFormat.CODE_128 : BarcodeFormat.QR_CODE);
        }
        // the same file again for the same holder; a card that changed hands no longer shows on the old URL
        String url = admin().post("/cards/actions/generate-digital-card-file",
                Map.of("card_id", id, "file_type", "png")).expect(200).data().path("file_url").asString();
        assertThat(admin().post("/cards/actions/generate-digital-card-file", Map.of("card_id", id, "file_type", "png"))
                .expect(200).data().path("file_url").asString()).isEqualTo(url);
        assertThat(fetch(url).statusCode()).isEqualTo(200);
        String petr = newCustomer(admin(), "petr@example.com");
        admin().put("/cards/" + id, Map.of("card", card("1000000000016", petr, GOLD, 1))).expect(204);
        assertThat(fetch(url).statusCode()).isEqualTo(404);
        assertThat(admin().post("/cards/actions/generate-digital-card-file", Map.of("card_id", id, "file_type", "png"))
                .expect(200).data().path("file_url").asString()).isNotEqualTo(url);

        HttpResponse<byte[]> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/files/cards/" + "0".repeat(64) + ".png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unknown.statusCode()).isEqualTo(404);

        assertThat(admin().post("/cards/actions/generate-digital-card-file",
                Map.of("card_id", id, "file_type", "wallet")).expect(400).invalidParams())
                .containsExactly("file_type:not_allowed_value");
        assertThat(admin().post("/cards/actions/generate-digital-card-file",
                Map.of("card_id", id, "file_type", "gif")).expect(400).invalidParams())
                .containsExactly("file_type:not_allowed_value");
        assertThat(admin().post("/cards/actions/generate-digital-card-file",
                Map.of("card_id", "nope", "file_type", "png")).expect(400).invalidParams())
                .containsExactly("card_id:not_found");
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void passMachineNeedsACardAndAConfiguredService() {
        String jana = newCustomer(admin(), "jana@example.com");
        assertThat(admin().post("/cards/actions/generate-pass-machine-card", Map.of("customer_id", jana))
                .expect(400).invalidParams()).containsExactly("customer_id:not_found");
        newCard(admin(), card("PM-1", jana, GOLD, 1));
        Api.Response answer = admin().post("/cards/actions/generate-pass-machine-card",
                Map.of("customer_id", jana, "passmachine_template_id", "t-1")).expect(400);
        assertThat(answer.invalidParams()).containsExactly("body:not_allowed_value");
        assertThat(answer.error().path("error_data").path("invalid_params").get(0).path("message").asString())
                .contains("PassMachine");
        assertThat(admin().post("/cards/actions/generate-pass-machine-card", Map.of("customer_id", "nobody"))
                .expect(400).invalidParams()).containsExactly("customer_id:not_found");
    }

    @Test
    void isicNumbersAreCheckedForFormatAndTheMissingServiceIsNamed() {
        var malformed = admin().post("/cards/actions/validate-isic-card",
                Map.of("card_number", "12345", "last_name", "Novák", "check_usage", true)).expect(200).data();
        assertThat(malformed.path("valid_isic").asBoolean()).isFalse();
        assertThat(malformed.path("is_free_to_use").asBoolean()).isTrue();
        assertThat(admin().post("/cards/actions/validate-isic-card",
                Map.of("card_number", "12345", "last_name", "Novák")).expect(200).data().has("is_free_to_use"))
                .isFalse();
        Api.Response wellFormed = admin().post("/cards/actions/validate-isic-card",
                Map.of("card_number", "S 420 123 456 789 A", "last_name", "Novák")).expect(400);
        assertThat(wellFormed.invalidParams()).containsExactly("body:not_allowed_value");
        assertThat(wellFormed.error().path("error_data").path("invalid_params").get(0).path("message").asString())
                .contains("no ISIC verification service");
        assertThat(admin().post("/cards/actions/validate-isic-card", Map.of("card_number", "S420123456789A"))
                .expect(400).invalidParams()).containsExactly("last_name:required");
    }
}
