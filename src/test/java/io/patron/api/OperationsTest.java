package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

import io.patron.support.Api;
import io.patron.support.ApiTest;

/** What operators rely on: errors without internals, health, metrics, the OpenAPI document. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends ApiTest {

    @Test
    void unexpectedFailureIs500WithARequestIdThatIsInTheLog(CapturedOutput output) {
        Api.Response answer = enterprise().header("X-Request-Id", "req-12345678").get("/tests/unexpected-failure")
                .expect(500);
        assertThat(answer.body()).doesNotContain("IllegalStateException").doesNotContain("secret detail")
                .doesNotContain("at io.patron");
        assertThat(answer.error().path("detail").asString()).contains("req-12345678");
        assertThat(answer.header("X-Request-Id")).isEqualTo("req-12345678");
        assertThat(output.getAll()).contains("req-12345678").contains("simulated defect");
    }

    @Test
    void aBusyDatabaseIs503WithRetryAfterNot500() {
        for (String path : new String[] {"/tests/pool-exhausted", "/tests/lost-deadlock"}) {
            Api.Response answer = enterprise().get(path).expect(503);
            assertThat(answer.header("Retry-After")).as(path).isEqualTo("1");
        }
    }

    @Test
    void healthReadinessIncludesTheDatabase() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusShowsPerEndpointLatency() throws Exception {
        admin().get("/countries", "count", "1").expect(200);
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds")
                .contains("uri=\"/webservice/rest-api/{api_interface}/v1.0/countries\"");
    }

    @Test
    void patronServesItsOwnOpenApiDocument() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs/enterprise");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/webservice/rest-api/enterprise-interface/v1.0/countries");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        // Swagger UI offers both documents.
        assertThat(get("/v3/api-docs/swagger-config").body()).contains("/v3/api-docs/enterprise")
                .contains("/v3/api-docs/customer");
    }

    @Test
    void arrayParametersAreReadInEveryCommonSpelling() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addParameter("card_state[]", "active", "blocked");
        request.addParameter("store_id[0]", "a");
        request.addParameter("store_id[1]", "b");
        request.addParameter("type", "x");
        QueryParams query = new QueryParams(request);
        assertThat(query.strings("card_state")).containsExactly("active", "blocked");
        assertThat(query.strings("store_id")).containsExactlyInAnyOrder("a", "b");
        assertThat(query.strings("type")).containsExactly("x");
        assertThat(query.strings("missing")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
