package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;

import org.junit.jupiter.api.Test;

import io.patron.support.ApiTest;

/** Patron's own OpenAPI documents: one per interface, usable to generate a client. */
class ApiDocsTest extends ApiTest {

    private static final String ENTERPRISE = "/webservice/rest-api/enterprise-interface/v1.0";
    private static final String CUSTOMER = "/webservice/rest-api/customer-interface/v1.0";

    @Test
    void eachInterfaceHasItsOwnDocumentWithRealPathsTagsAndOperationIds() throws Exception {
        OpenAPI enterprise = document("enterprise");
        OpenAPI customer = document("customer");
        assertThat(enterprise.getInfo().getTitle()).isEqualTo("Patron Enterprise API");
        assertThat(customer.getInfo().getTitle()).isEqualTo("Patron Customer API");
        assertThat(enterprise.getInfo().getVersion()).isEqualTo("1.0");
        assertThat(enterprise.getPaths()).containsKey(ENTERPRISE + "/customers")
                .containsKey(ENTERPRISE + "/users");
        assertThat(customer.getPaths()).containsKey(CUSTOMER + "/customers").doesNotContainKey(CUSTOMER + "/users");
        assertThat(enterprise.getPaths().get(ENTERPRISE + "/customers").getGet().getOperationId())
                .isEqualTo("getCustomers");
        assertThat(enterprise.getPaths().get(ENTERPRISE + "/customers").getGet().getTags())
                .containsExactly("Customers");
        for (OpenAPI document : List.of(enterprise, customer)) {
            document.getPaths().forEach((path, item) -> {
                assertThat(path).doesNotContain("{api_interface}").startsWith("/webservice/rest-api/");
                item.readOperationsMap().forEach((method, op) -> {
                    assertThat(op.getTags()).as(method + " " + path).isNotEmpty();
                    assertThat(op.getOperationId()).as(method + " " + path).isNotBlank();
                    if (op.getParameters() != null) {
                        assertThat(op.getParameters()).noneMatch(p -> p.getName().equals("api_interface"));
                    }
                });
            });
        }
    }

    @Test
    void operationIdsAndTagsAreTheReferenceOnes() throws Exception {
        String location = System.getProperty("patron.contract", "../shared/carecloud-openapi.yaml");
        if (!Files.isRegularFile(Path.of(location))) {
            System.err.println("WARNING: contract " + location + " not found; operation ids NOT compared");
            return;
        }
        OpenAPI contract = new OpenAPIV3Parser().read(Path.of(location).toAbsolutePath().toString());
        Map<String, Operation> reference = new HashMap<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> reference.put(method + " " + path, op)));

        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (String group : List.of("enterprise", "customer")) {
            OpenAPI document = document(group);
            String base = group.equals("enterprise") ? ENTERPRISE : CUSTOMER;
            for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
                String relative = path.getKey().substring(base.length());
                for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                    Operation expected = reference.get(op.getKey() + " " + relative);
                    if (expected == null) {
                        continue; // beyond the contract (e.g. Patron's own operations)
                    }
                    compared++;
                    distinct.add(op.getKey() + " " + relative);
                    if (!expected.getOperationId().equals(op.getValue().getOperationId())) {
                        mismatches.add(op.getKey() + " " + relative + "=" + expected.getOperationId()
                                + " (is " + op.getValue().getOperationId() + ")");
                    }
                    if (!expected.getTags().equals(op.getValue().getTags())) {
                        mismatches.add("tag " + relative + "=" + expected.getTags()
                                + " (is " + op.getValue().getTags() + ")");
                    }
                }
            }
        }
        System.out.println("OpenAPI operations compared with the contract: " + compared + " in both documents, "
                + distinct.size() + " distinct; mismatches: " + mismatches.size());
        assertThat(compared).isGreaterThan(100);
        assertThat(mismatches).isEmpty();
    }

    private OpenAPI document(String group) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs/" + group)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        OpenAPI document = new OpenAPIV3Parser().readContents(answer.body()).getOpenAPI();
        assertThat(document).isNotNull();
        return document;
    }
}
