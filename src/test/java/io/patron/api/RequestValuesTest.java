package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/**
 * Values as real clients send them (timestamps, dates and phones in their usual forms) and bad input the
 * shared machinery refuses for every operation (NUL, over-long text, wrong JSON types, odd paths, huge
 * query strings): a 400 naming the field, JSON always, nothing stored.
 */
class RequestValuesTest extends ApiTest {

    static final String ESHOP = Ids.stable("customer_source", "eshop");
    static final String GOLD = "8bed991c68a470e7aaeffbf048";

    @BeforeEach
    void cardTypes() {
        importProject("test-cards.yaml");
    }

    static Map<String, Object> info(String email) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Eva");
        info.put("last_name", "Dvořáková");
        info.put("email", email);
        info.put("language_id", "cs");
        return info;
    }

    static Map<String, Object> signUp(Map<String, Object> info) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", info));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", "S3cret-pass");
        return body;
    }

    String newCustomer(Map<String, Object> info) {
        return admin().post("/customers", signUp(info)).expect(201).data().path("customer_id").asString();
    }

    int customerCount() {
        return admin().get("/customers", "count", "1").expect(200).data().path("total_items").asInt();
    }

    String cardWithValidFrom(String validFrom) {
        Map<String, Object> card = new HashMap<>();
        card.put("card_number", "7700" + Math.abs(validFrom.hashCode()));
        card.put("card_type_id", GOLD);
        card.put("state", 1);
        card.put("valid_from", validFrom);
        String id = admin().post("/cards", Map.of("card", card)).expect(201).data().path("card_id").asString();
        return admin().get("/cards/" + id).expect(200).data().path("valid_from").asString();
    }

    @Test
    void timestampsAcceptEveryFormClientsSend() {
        // The project zone of the tests is Europe/Prague: +01:00 in December, +02:00 in summer.
        assertThat(cardWithValidFrom("2026-12-01")).isEqualTo("2026-12-01 00:00:00");
        assertThat(cardWithValidFrom("2026-12-02 08:30:00")).isEqualTo("2026-12-02 08:30:00");
        assertThat(cardWithValidFrom("2026-12-03T08:30:00")).isEqualTo("2026-12-03 08:30:00");
        assertThat(cardWithValidFrom("2026-12-04T08:30:00.250")).isEqualTo("2026-12-04 08:30:00");
        assertThat(cardWithValidFrom("2026-12-05 08:30:00.5")).isEqualTo("2026-12-05 08:30:00");
        assertThat(cardWithValidFrom("2022-10-30T15:51:49+02:00")).isEqualTo("2022-10-30 14:51:49");
        assertThat(cardWithValidFrom("2026-07-01T06:00:00Z")).isEqualTo("2026-07-01 08:00:00");
        assertThat(cardWithValidFrom("2026-12-06 08:30:00.125+01:00")).isEqualTo("2026-12-06 08:30:00");

        for (String bad : List.of("2026-13-01", "31.12.2024", "2026-02-30 10:00:00", "yesterday", "2026-12-01 25:00:00")) {
            Map<String, Object> card = new HashMap<>(Map.of("card_number", "7799" + Math.abs(bad.hashCode()),
                    "card_type_id", GOLD, "state", 1, "valid_from", bad));
            Api.Response refused = admin().post("/cards", Map.of("card", card)).expect(400);
            assertThat(refused.invalidParams()).as(bad).containsExactly("card.valid_from:invalid_value_format");
            assertThat(refused.error().path("error_data").path("invalid_params").get(0).path("message").asString())
                    .contains("YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM:SS", "Z");
        }
    }

    @Test
    void birthdatesAcceptIsoAndDottedForms() {
        Map<String, Object> dotted = info("dotted@example.com");
        dotted.put("birthdate", "29.2.2024");
        String id = newCustomer(dotted);
        assertThat(admin().get("/customers/" + id).expect(200).data().path("personal_information")
                .path("birthdate").asString()).isEqualTo("2024-02-29");

        Map<String, Object> padded = info("padded@example.com");
        padded.put("birthdate", "05.03.1990");
        String other = newCustomer(padded);
        assertThat(admin().get("/customers/" + other).expect(200).data().path("personal_information")
                .path("birthdate").asString()).isEqualTo("1990-03-05");

        for (String bad : List.of("29.2.2023", "2023-02-29", "1990/03/05", "5.3.90")) {
            Map<String, Object> wrong = info("wrong@example.com");
            wrong.put("birthdate", bad);
            Api.Response refused = admin().post("/customers", signUp(wrong)).expect(400);
            assertThat(refused.invalidParams()).as(bad)
                    .containsExactly("customer.personal_information.birthdate:invalid_value_format");
            assertThat(refused.body()).contains("YYYY-MM-DD", "D.M.YYYY");
        }
    }

    @Test
    void phonesAreStoredAndSearchedAsDigits() {
        Map<String, Object> spaced = info("spaced@example.com");
        spaced.put("phone", "+420 745 924 375");
        String id = newCustomer(spaced);
        assertThat(admin().get("/customers/" + id).expect(200).data().path("personal_information")
                .path("phone").asString()).isEqualTo("420745924375");

        Map<String, Object> dashed = info("dashed@example.com");
        dashed.put("phone", "+420-602-111-222");
        String other = newCustomer(dashed);
        assertThat(admin().get("/customers/" + other).expect(200).data().path("personal_information")
                .path("phone").asString()).isEqualTo("420602111222");

        for (String query : List.of("+420745924375", "420745924375", "+420 745 924 375")) {
            Api.Response found = admin().get("/customers", "phone", query).expect(200);
            assertThat(found.data().path("total_items").asInt()).as(query).isEqualTo(1);
        }
        for (String bad : List.of("+0 745 924 375", "call me", "+420 745 abc")) {
            Map<String, Object> wrong = info("wrong@example.com");
            wrong.put("phone", bad);
            assertThat(admin().post("/customers", signUp(wrong)).expect(400).invalidParams()).as(bad)
                    .containsExactly("customer.personal_information.phone:invalid_value_format");
        }
    }

    @Test
    void textPostgresqlCannotStoreIsRefusedBeforeAnySql() {
        int before = customerCount();
        Map<String, Object> nul = info("nul@example.com");
        nul.put("first_name", "Eva\u0000");
        assertThat(admin().post("/customers", signUp(nul)).expect(400).invalidParams())
                .containsExactly("customer.personal_information.first_name:invalid_value_format");
        // A lone surrogate, escaped as a client's JSON encoder would write it.
        String surrogate = Api.JSON.writeValueAsString(signUp(info("surrogate@example.com")))
                .replace("\"Dvořáková\"", "\"Dvo\\ud800k\"");
        assertThat(admin().post("/customers", surrogate).expect(400).invalidParams())
                .containsExactly("customer.personal_information.last_name:invalid_value_format");

        assertThat(admin().get("/customers", "email", "a\u0000@example.com").expect(400).invalidParams())
                .containsExactly("email:invalid_value_format");
        assertThat(admin().get("/customers", "email_list[]", "x\u0000").expect(400).invalidParams())
                .containsExactly("email_list[]:invalid_value_format");
        assertThat(customerCount()).isEqualTo(before);
    }

    @Test
    void everyTextHasALimitThatFitsItsColumn() {
        int before = customerCount();
        String longText = "x".repeat(100_000);
        for (String field : List.of("first_name", "last_name", "salutation", "pre_nominals")) {
            Map<String, Object> tooLong = info("long@example.com");
            tooLong.put(field, longText);
            Api.Response refused = admin().post("/customers", signUp(tooLong)).expect(400);
            assertThat(refused.invalidParams()).as(field)
                    .containsExactly("customer.personal_information." + field + ":invalid_value_format");
            assertThat(refused.body()).doesNotContain("xxxxxxxxxx");
        }
        Map<String, Object> atLimit = info("limit@example.com");
        atLimit.put("first_name", "é".repeat(200));
        newCustomer(atLimit);
        Map<String, Object> pastLimit = info("past@example.com");
        pastLimit.put("first_name", "é".repeat(201));
        admin().post("/customers", signUp(pastLimit)).expect(400);

        Map<String, Object> device = Map.of("device_id", longText, "device_system", "Android 15",
                "device_name", "Pixel", "device_type", "phone");
        assertThat(customer().post("/tokens", Map.of("device", device,
                "setup", Map.of("language_id", "en", "allowed_gps", false, "allowed_notifications", true),
                "external_application_id", CUSTOMER_APP)).expect(400).invalidParams())
                .containsExactly("device.device_id:invalid_value_format");
        assertThat(admin().get("/customers", "first_name", longText).expect(400).invalidParams())
                .containsExactly("first_name:invalid_value_format");
        assertThat(customerCount()).isEqualTo(before + 1);
    }

    @Test
    void jsonTypesAreStrictWhereTheContractDeclaresThem() {
        Map<String, Object> card = new HashMap<>(Map.of("card_number", true, "card_type_id", GOLD, "state", 1));
        assertThat(admin().post("/cards", Map.of("card", card)).expect(400).invalidParams())
                .containsExactly("card.card_number:invalid_value_format");
        card.put("card_number", Map.of("a", 1));
        assertThat(admin().post("/cards", Map.of("card", card)).expect(400).invalidParams())
                .containsExactly("card.card_number:invalid_value_format");
        card.put("card_number", List.of("1"));
        assertThat(admin().post("/cards", Map.of("card", card)).expect(400).invalidParams())
                .containsExactly("card.card_number:invalid_value_format");
        card.put("card_number", 1.5);
        card.put("state", 1.5);
        assertThat(admin().post("/cards", Map.of("card", card)).expect(400).invalidParams())
                .containsExactly("card.state:invalid_value_format");

        // A number where a string is declared is its decimal text (PHP clients send ints).
        card.put("card_number", 7700123456L);
        card.put("state", 1);
        String id = admin().post("/cards", Map.of("card", card)).expect(201).data().path("card_id").asString();
        assertThat(admin().get("/cards/" + id).expect(200).data().path("card_number").asString())
                .isEqualTo("7700123456");

        Map<String, Object> token = new HashMap<>(Map.of(
                "device", Map.of("device_id", "d-1", "device_system", "Android", "device_name", "Pixel",
                        "device_type", "phone"),
                "setup", Map.of("language_id", "en", "allowed_gps", false, "allowed_notifications", 1),
                "external_application_id", CUSTOMER_APP));
        assertThat(customer().post("/tokens", token).expect(400).invalidParams())
                .containsExactly("setup.allowed_notifications:invalid_value_format");
        token.put("setup", Map.of("language_id", "en", "allowed_gps", "false", "allowed_notifications", true));
        assertThat(customer().post("/tokens", token).expect(400).invalidParams())
                .containsExactly("setup.allowed_gps:invalid_value_format");
        token.put("setup", Map.of("language_id", true, "allowed_gps", false, "allowed_notifications", true));
        assertThat(customer().post("/tokens", token).expect(400).invalidParams())
                .containsExactly("setup.language_id:invalid_value_format");
    }

    @Test
    void booleanAndEnumFiltersAreChecked() {
        String id = newCustomer(info("filter@example.com"));
        assertThat(admin().get("/customers/" + id, "customer_short_salutation", "maybe").expect(400).invalidParams())
                .containsExactly("customer_short_salutation:invalid_value_format");
        assertThat(admin().get("/customers", "customer_short_salutation", "maybe").expect(400).invalidParams())
                .containsExactly("customer_short_salutation:invalid_value_format");
        admin().get("/customers/" + id, "customer_short_salutation", "true").expect(200);
    }

    @Test
    void subResourcesOfAnUnknownCustomerAreNotFound() {
        Api.Response missing = admin().get("/customers/no-such-customer/customer-source-records").expect(404);
        assertThat(missing.error().path("error_data").path("resource_id").asString()).isEqualTo("no-such-customer");
        String id = newCustomer(info("sources@example.com"));
        admin().get("/customers/" + id + "/customer-source-records").expect(200);
    }

    @Test
    void oddPathsAndHugeRequestsGetJsonErrors() throws Exception {
        Api admin = admin();
        String base = admin.base();
        String token = loginToken(LOGIN, PASSWORD);

        Raw nul = raw(base + "/customers/%00", token);
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.contentType()).startsWith("application/json");
        assertThat(nul.body()).contains("invalid_params_exception");

        Raw traversal = raw(base + "/customers/..%2F..%2Fcountries", token);
        assertThat(traversal.status()).isEqualTo(404);
        assertThat(traversal.contentType()).startsWith("application/json");
        assertThat(traversal.body()).contains("resource_not_found_exception");

        Raw backslash = raw(base + "/customers/a%5Cb", token);
        assertThat(backslash.status()).isEqualTo(404);
        assertThat(backslash.contentType()).startsWith("application/json");

        // 1,000 realistic emails in an array filter, as the contract allows.
        StringBuilder query = new StringBuilder("?count=10&offset=0");
        for (int i = 0; i < 1000; i++) {
            query.append("&email_list%5B%5D=").append("firstname.lastname").append(i).append("%40example-shop.com");
        }
        newCustomer(info("firstname.lastname7@example-shop.com"));
        Raw many = raw(base + "/customers" + query, token);
        assertThat(many.status()).as(many.body()).isEqualTo(200);
        assertThat(Api.JSON.readTree(many.body()).path("data").path("total_items").asInt()).isEqualTo(1);

        StringBuilder tooMany = new StringBuilder("?count=10");
        for (int i = 0; i < 2500; i++) {
            tooMany.append("&card_numbers%5B%5D=").append(i);
        }
        Raw refused = raw(base + "/cards" + tooMany, token);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"name\":\"query\"");

        Raw unencoded = raw(base + "/customers?email_list[]=firstname.lastname7@example-shop.com", token);
        assertThat(unencoded.status()).as(unencoded.body()).isEqualTo(200);

        Raw huge = raw(base + "/customers?first_name=" + "x".repeat(200_000), token);
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.contentType()).startsWith("application/json");
        assertThat(huge.body()).contains("invalid_params_exception");
        assertThat(io.patron.support.ContractValidator.get().violations("GET", "/customers", 400,
                Map.of("Content-Type", List.of(huge.contentType())), huge.body())).isEmpty();
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @org.springframework.beans.factory.annotation.Value("${management.metrics.web.server.max-uri-tags}")
    int maxUriTags;

    @Test
    void latencyIsMeasuredPerRouteTemplateForEveryOperation() {
        String id = newCustomer(info("metrics@example.com"));
        admin().get("/customers/" + id).expect(200);
        admin().get("/customers/no-such-customer").expect(404);
        List<String> uris = meters.find("http.server.requests").meters().stream()
                .map(m -> m.getId().getTag("uri")).distinct().toList();
        assertThat(uris).contains("/webservice/rest-api/{api_interface}/v1.0/customers/{customer_id}");
        assertThat(uris).noneMatch(uri -> uri != null && (uri.contains(id) || uri.contains("no-such-customer")));
        // The contract has 322 operations; each route template keeps its own series.
        assertThat(maxUriTags).isGreaterThanOrEqualTo(1000);
    }

    record Raw(int status, String contentType, String body) {
    }

    static Raw raw(String url, String token) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Raw(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }
}
