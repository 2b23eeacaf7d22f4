package io.patron.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests, speaking to the running server the way CareCloud clients
 * do. Every answer is checked against the contract before the test sees it.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, HttpClient> CLIENTS_BY_SOURCE = new ConcurrentHashMap<>();

    private final String root;
    private final String apiInterface;
    private final String authorization;
    private final Map<String, String> headers;
    private final HttpClient client;

    private Api(String root, String apiInterface, String authorization, Map<String, String> headers) {
        this(root, apiInterface, authorization, headers, CLIENT);
    }

    private Api(String root, String apiInterface, String authorization, Map<String, String> headers,
                HttpClient client) {
        this.root = root;
        this.apiInterface = apiInterface;
        this.authorization = authorization;
        this.headers = headers;
        this.client = client;
    }

    public static Api enterprise(int port) {
        return new Api("http://127.0.0.1:" + port, "enterprise-interface", null, Map.of());
    }

    public static Api customer(int port) {
        return new Api("http://127.0.0.1:" + port, "customer-interface", null, Map.of());
    }

    /** Patron's own paths outside the CareCloud API (e.g. {@code /sandbox/clock}); not checked against the contract. */
    public static Api root(int port) {
        return new Api("http://127.0.0.1:" + port, null, null, Map.of());
    }

    public Api bearer(String token) {
        return new Api(root, apiInterface, "Bearer " + token, headers, client);
    }

    public Api basic(String login, String password) {
        String encoded = java.util.Base64.getEncoder()
                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api(root, apiInterface, "Basic " + encoded, headers, client);
    }

    public Api header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(root, apiInterface, authorization, more, client);
    }

    /**
     * Sends from another loopback address (e.g. {@code 127.0.0.7}), so the server sees another
     * client address; Linux routes all of 127.0.0.0/8 to the loopback interface.
     */
    public Api from(String localAddress) {
        HttpClient bound = CLIENTS_BY_SOURCE.computeIfAbsent(localAddress, address -> {
            try {
                return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .localAddress(InetAddress.getByName(address)).build();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        });
        return new Api(root, apiInterface, authorization, headers, bound);
    }

    public String base() {
        return apiInterface == null ? root : root + "/webservice/rest-api/" + apiInterface + "/v1.0";
    }

    public Response get(String path, String... query) {
        return send("GET", path, null, query);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a request; {@code body} is JSON-encoded unless it is a String (sent verbatim). */
    public Response send(String method, String path, Object body, String... query) {
        StringBuilder url = new StringBuilder(base()).append(path);
        for (int i = 0; i + 1 < query.length; i += 2) {
            url.append(i == 0 && !path.contains("?") ? '?' : '&')
                    .append(URLEncoder.encode(query[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload));
        // The PHP SDK sends these on every call, GETs included.
        request.header("Content-Type", "application/json");
        request.header("Accept-Language", "en");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(), response.headers().map(), response.body());
            String apiPath = URI.create(url.toString()).getPath().replaceFirst("^/webservice/rest-api/[^/]+/v1\\.0", "");
            List<String> violations = apiInterface == null ? List.of() : ContractValidator.get()
                    .violations(method, apiPath, answer.status(), answer.headers(), answer.body());
            assertThat(violations).as("contract violations of %s %s → %d %s", method, apiPath, answer.status(),
                    answer.body()).isEmpty();
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer with its JSON body parsed on demand. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        }

        public JsonNode data() {
            return json().path("data");
        }

        public JsonNode error() {
            return json().path("error");
        }

        public String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }

        /** The {@code name:reason} pairs of a 400's invalid_params, for compact assertions. */
        public List<String> invalidParams() {
            List<String> out = new ArrayList<>();
            for (JsonNode param : error().path("error_data").path("invalid_params")) {
                out.add(param.path("name").asString() + ":" + param.path("reason").asString());
            }
            return out;
        }

        public Response expect(int expected) {
            assertThat(status).as("status of answer %s", body).isEqualTo(expected);
            return this;
        }
    }
}
