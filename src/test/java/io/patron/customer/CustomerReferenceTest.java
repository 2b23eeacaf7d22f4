package io.patron.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.config.ProjectFile;
import io.patron.config.ProjectImporter;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Customer types, customer relation types and interests: read-only lists defined by the project. */
class CustomerReferenceTest extends ApiTest {

    @Autowired
    ProjectImporter importer;

    @BeforeEach
    void references() {
        importer.apply(ProjectFile.load("classpath:project/test-customer-references.yaml"));
    }

    private static List<String> values(Api.Response answer, String list, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : answer.data().path(list)) {
            values.add(item.path(field).asString());
        }
        return values;
    }

    @Test
    void customerTypesAreListedAndReadOneByOne() {
        Api.Response list = admin().get("/customer-types").expect(200);
        List<String> ids = values(list, "customer_types", "type_id");
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        assertThat(list.data().path("total_items").asLong()).isEqualTo(ids.size());
        JsonNode one = admin().header("Accept-Language", "cs").get("/customer-types/" + ids.get(0)).expect(200).data();
        assertThat(one.path("name").asString()).isEqualTo("Soukromý zákazník");
        assertThat(one.path("last_change").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        admin().get("/customer-types/nope").expect(404);
    }

    @Test
    void relationTypesShowTheStateTheProjectGave() {
        Api.Response list = admin().get("/customer-relation-types").expect(200);
        List<String> names = values(list, "customer_relation_types", "name");
        assertThat(names).contains("Family account", "Former household");
        for (JsonNode type : list.data().path("customer_relation_types")) {
            int expected = type.path("name").asString().equals("Former household") ? 2 : 1;
            assertThat(type.path("state").asInt()).isEqualTo(expected);
            assertThat(admin().get("/customer-relation-types/" + type.path("customer_relation_type_id").asString())
                    .expect(200).data().path("name").asString()).isEqualTo(type.path("name").asString());
        }
        assertThat(admin().get("/customer-relation-types", "sort_field", "name", "sort_direction", "desc")
                .expect(200).data().path("customer_relation_types").get(0).path("name").asString())
                .isEqualTo("Former household");
        admin().get("/customer-relation-types/nope").expect(404);
    }

    @Test
    void interestsAreFilteredByName() {
        Api.Response all = admin().get("/interests").expect(200);
        assertThat(values(all, "interests", "name")).contains("Sport", "Technology", "Gardening");
        Api.Response found = admin().get("/interests", "name", "GARDEN").expect(200);
        assertThat(values(found, "interests", "interest_id")).containsExactly("gardening");
        assertThat(found.data().path("total_items").asLong()).isEqualTo(1);
        assertThat(admin().header("Accept-Language", "cs").get("/interests/gardening").expect(200)
                .data().path("name").asString()).isEqualTo("Zahradničení");
        admin().get("/interests/nope").expect(404);
    }

    @Test
    void theCustomerApiReadsThemToo() {
        String token = customerToken("phone-ref");
        Api app = customer().bearer(token);
        app.get("/customer-types").expect(200);
        app.get("/customer-relation-types").expect(200);
        app.get("/interests").expect(200);
    }
}
