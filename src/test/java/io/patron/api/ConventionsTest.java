package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** The conventions every resource shares: URLs, interfaces, envelope, errors, headers. */
class ConventionsTest extends ApiTest {

    @Test
    void connectionTestReversesTheStringAndAnswersUtf8Json() {
        Api.Response answer = enterprise().get("/tests/connection", "test_string", "Hello World!").expect(200);
        assertThat(answer.data().path("test_string").asString()).isEqualTo("!dlroW olleH");
        assertThat(answer.header("Content-Type")).isEqualToIgnoringCase("application/json;charset=UTF-8");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        customer().get("/tests/connection", "test_string", "ab").expect(200);
    }

    @Test
    void unknownPathIsJson404WithoutResourceId() {
        Api.Response answer = admin().get("/no-such-resource").expect(404);
        assertThat(answer.error().path("error_data").has("resource_id")).isFalse();
        assertThat(answer.error().path("type").asString()).isNotBlank();
        assertThat(answer.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void unknownInterfaceOrVersionIsJson404() throws Exception {
        for (String path : List.of("/webservice/rest-api/partner-interface/v1.0/countries",
                "/webservice/rest-api/enterprise-interface/v2.0/countries", "/something-else")) {
            HttpResponse<String> answer = raw("GET", path, null, "application/json");
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(Api.JSON.readTree(answer.body()).path("error").path("error_data").has("resource_id")).isFalse();
        }
    }

    @Test
    void unsupportedMethodIs405NamingTheMethod() {
        Api.Response answer = admin().delete("/countries").expect(405);
        assertThat(answer.error().path("error_data").path("http_method").asString()).isEqualTo("DELETE");
    }

    @Test
    void operationOfTheOtherInterfaceIs403() {
        Api.Response tokens = admin().post("/tokens", Map.of()).expect(403);
        assertThat(tokens.error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        assertThat(tokens.error().path("error_data").path("invalid_resource_name").asString()).isEqualTo("tokens");
        assertThat(tokens.error().path("error_data").path("interface").asString()).isEqualTo("Enterprise");

        Api.Response users = customer().bearer(customerToken("device-403")).get("/users").expect(403);
        assertThat(users.error().path("type").asString()).isEqualTo("interface_not_allowed_exception");
        assertThat(users.error().path("error_data").path("interface").asString()).isEqualTo("Customer");
        // The interface rule comes before authentication.
        customer().get("/users").expect(403);
    }

    @Test
    void missingOrUnknownCredentialsAre401() {
        assertThat(enterprise().get("/countries").expect(401).error().path("type").asString()).isNotBlank();
        enterprise().bearer("not-a-token").get("/countries").expect(401);
        enterprise().basic(LOGIN, "wrong").get("/countries").expect(401);
        enterprise().header("Authorization", "Token abc").get("/countries").expect(401);
        customer().bearer("not-a-token").get("/countries").expect(401);
    }

    @Test
    void malformedJsonIs400NamingTheBody() {
        Api.Response answer = enterprise().post("/users/actions/login", "{\"login\": ").expect(400);
        assertThat(answer.invalidParams()).containsExactly("body:invalid_value_format");
    }

    @Test
    void missingRequiredFieldsAreAllNamed() {
        Api.Response answer = customer().post("/tokens", Map.of()).expect(400);
        assertThat(answer.invalidParams()).containsExactlyInAnyOrder(
                "device:required", "setup:required", "external_application_id:required");
    }

    @Test
    void childFieldsAreRequiredOnlyWhenTheirParentIsSent() {
        Api.Response answer = customer().post("/tokens", Map.of(
                "device", Map.of("device_system", "iOS", "device_name", "iPhone", "device_type", "phone"),
                "setup", Map.of("language_id", "en", "allowed_gps", true, "allowed_notifications", false),
                "external_application_id", CUSTOMER_APP)).expect(400);
        assertThat(answer.invalidParams()).containsExactly("device.device_id:required");
    }

    @Test
    void emptyValueIsReportedAsEmpty() {
        Api.Response answer = enterprise().post("/users/actions/login", Map.of(
                "user_external_application_id", ENTERPRISE_APP, "login", "", "password", PASSWORD)).expect(400);
        assertThat(answer.invalidParams()).containsExactly("login:empty");
    }

    @Test
    void wrongTypeIsInvalidValueFormat() {
        Api.Response answer = customer().post("/tokens", Map.of(
                "device", Map.of("device_id", "d", "device_system", "iOS", "device_name", "n", "device_type", "t"),
                "setup", Map.of("language_id", "en", "allowed_gps", "sometimes", "allowed_notifications", false),
                "external_application_id", CUSTOMER_APP)).expect(400);
        assertThat(answer.invalidParams()).containsExactly("setup.allowed_gps:invalid_value_format");
    }

    @Test
    void referenceToMissingRecordIsNotFound() {
        Api.Response answer = enterprise().post("/users/actions/login", Map.of(
                "user_external_application_id", "no-such-app", "login", LOGIN, "password", PASSWORD)).expect(400);
        assertThat(answer.invalidParams()).containsExactly("user_external_application_id:not_found");
    }

    @Test
    void bodiesMustBeJson() throws Exception {
        HttpResponse<String> answer = raw("POST", "/webservice/rest-api/enterprise-interface/v1.0/users/actions/login",
                "login=a&password=b", "application/x-www-form-urlencoded");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(answer.body()).contains("Content-Type").contains("not_allowed_value");
    }

    @Test
    void acceptsWhatThePhpSdkSends() {
        // Pretty-printed, with \/ and \\u escapes, read-only and unknown fields included.
        String valid = """
                {
                    "user_external_application_id": "test\\u002denterprise\\u002dapp",
                    "login": "admin\\u0040patron.test",
                    "password": "Correct-Horse-42",
                    "user": {"user_id": "read-only, ignored"},
                    "url": "https:\\/\\/example.com\\/"
                }""";
        enterprise().header("Accept-Language", "cs, en-gb;q=0.8").post("/users/actions/login", valid).expect(200);
    }

    @Test
    void listsPageAndCountAllMatches() {
        Api api = admin();
        Api.Response first = api.get("/countries", "count", "2", "offset", "0", "sort_field", "country_id").expect(200);
        long total = first.data().path("total_items").asLong();
        assertThat(total).isGreaterThan(200);
        assertThat(first.data().path("countries")).hasSize(2);
        Api.Response second = api.get("/countries", "count", "2", "offset", "2", "sort_field", "country_id").expect(200);
        assertThat(second.data().path("total_items").asLong()).isEqualTo(total);
        assertThat(second.data().path("countries").get(0).path("country_id").asString())
                .isGreaterThan(first.data().path("countries").get(1).path("country_id").asString());
        Api.Response beyond = api.get("/countries", "offset", String.valueOf(total)).expect(200);
        assertThat(beyond.data().path("countries")).isEmpty();
        assertThat(beyond.data().path("total_items").asLong()).isEqualTo(total);
        // Default page is 100.
        assertThat(api.get("/countries").expect(200).data().path("countries")).hasSize(100);
        // The last page, part full: the total is still that of all matches.
        Api.Response last = api.get("/countries", "count", "10", "offset", String.valueOf(total - 3)).expect(200);
        assertThat(last.data().path("countries")).hasSize(3);
        assertThat(last.data().path("total_items").asLong()).isEqualTo(total);
        // A page exactly as long as the matches, and one short from the start.
        Api.Response exact = api.get("/countries", "count", String.valueOf(total)).expect(200);
        assertThat(exact.data().path("total_items").asLong()).isEqualTo(total);
        Api.Response one = api.get("/currencies", "count", "5", "currency_code", "EUR").expect(200);
        assertThat(one.data().path("currencies")).hasSize(1);
        assertThat(one.data().path("total_items").asLong()).isEqualTo(1);
    }

    @Test
    void listsSortByAnyFirstLevelFieldInBothDirections() {
        Api api = admin();
        List<String> desc = ids(api.get("/countries", "count", "5", "sort_field", "country_id",
                "sort_direction", "DESC").expect(200));
        assertThat(desc).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(desc.getFirst()).isEqualTo("ZW");
        List<String> byName = names(api.get("/countries", "count", "1000", "sort_field", "name").expect(200));
        assertThat(byName).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void badListParametersAre400WithTheirNames() {
        Api api = admin();
        assertThat(api.get("/countries", "count", "0").expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
        assertThat(api.get("/countries", "count", "1001").expect(400).invalidParams())
                .containsExactly("count:not_allowed_value");
        assertThat(api.get("/countries", "count", "ten").expect(400).invalidParams())
                .containsExactly("count:invalid_value_format");
        assertThat(api.get("/countries", "offset", "-1").expect(400).invalidParams())
                .containsExactly("offset:not_allowed_value");
        assertThat(api.get("/countries", "sort_direction", "UP").expect(400).invalidParams())
                .containsExactly("sort_direction:not_allowed_value");
        assertThat(api.get("/countries", "sort_field", "capital").expect(400).invalidParams())
                .containsExactly("sort_field:not_allowed_value");
        assertThat(api.get("/countries", "count", "0", "offset", "x").expect(400).invalidParams())
                .containsExactlyInAnyOrder("count:not_allowed_value", "offset:invalid_value_format");
    }

    @Test
    void filtersNarrowTheList() {
        Api api = admin();
        Api.Response cz = api.get("/countries", "country_id", "CZ").expect(200);
        assertThat(cz.data().path("total_items").asLong()).isEqualTo(1);
        assertThat(cz.data().path("countries").get(0).path("name").asString()).isEqualTo("Czechia");
        Api.Response named = api.get("/countries", "country_name", "slov").expect(200);
        assertThat(ids(named)).containsExactlyInAnyOrder("SK", "SI");
        assertThat(api.get("/countries", "country_id", "XX").expect(200).data().path("total_items").asLong()).isZero();
    }

    @Test
    void acceptLanguageChoosesTheLanguageOfTexts() {
        String token = loginToken(LOGIN, PASSWORD);
        assertThat(countryName(token, "cs")).isEqualTo("Česko");
        assertThat(countryName(token, "cs, en-gb;q=0.8")).isEqualTo("Česko");
        assertThat(countryName(token, "de-DE, en;q=0.5, cs;q=0.9")).isEqualTo("Česko");
        assertThat(countryName(token, "en-GB")).isEqualTo("Czechia");
        assertThat(countryName(token, "de")).as("falls back to the default language").isEqualTo("Czechia");
        assertThat(countryName(token, ";;;")).as("malformed header falls back").isEqualTo("Czechia");
        // Filtering uses the chosen language too.
        assertThat(enterprise().bearer(token).header("Accept-Language", "cs")
                .get("/countries", "country_name", "Česko").expect(200).data().path("total_items").asLong())
                .isEqualTo(1);
    }

    @Test
    void withoutCachingConfigurationThereIsNoCacheControl() {
        assertThat(admin().get("/countries", "count", "1").expect(200).header("Cache-Control")).isNull();
    }

    private String countryName(String token, String acceptLanguage) {
        return enterprise().bearer(token).header("Accept-Language", acceptLanguage)
                .get("/countries", "country_id", "CZ").expect(200)
                .data().path("countries").get(0).path("name").asString();
    }

    private static List<String> ids(Api.Response answer) {
        return answer.data().path("countries").valueStream().map(c -> c.path("country_id").asString()).toList();
    }

    private static List<String> names(Api.Response answer) {
        return answer.data().path("countries").valueStream().map(c -> c.path("name").asString()).toList();
    }

    private HttpResponse<String> raw(String method, String path, String body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
