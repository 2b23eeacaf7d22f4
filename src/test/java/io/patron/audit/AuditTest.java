package io.patron.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;
import io.patron.support.TestData;
import io.patron.support.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * The audit: every business table is audited, real API writes of each kind (insert, update, delete,
 * batch) are recorded with their actor, columns and request id, secrets are masked, and operators
 * read it through {@code GET /admin/audit} (admins only).
 */
class AuditTest extends ApiTest {

    private static final String ESHOP = Ids.stable("customer_source", "eshop");

    @Autowired
    DSLContext dsl;

    @Autowired
    TestData testData;

    @BeforeEach
    void users() {
        importProject("test-audit-users.yaml");
        importProject("test-customer-partners.yaml");
    }

    @Test
    void aResetEmptiesTheAuditAndKeepsItsTriggers() {
        admin().post("/customers", signUp("before-reset@example.com")).expect(201);
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log").where("actor_type <> 'system'"))).isPositive();
        testData.reset();
        // only the project import of the reset is left, and writes are still recorded
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log").where("actor_type <> 'system'"))).isZero();
        admin().post("/customers", signUp("after-reset@example.com")).expect(201);
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log").where("table_name = 'customer'"))).isEqualTo(1);
    }

    @Test
    void everyTableIsAuditedOrListedWithAReason() {
        String schema = TestDatabase.postgres() ? TestDatabase.schema() : "public";
        Set<String> tables = new TreeSet<>();
        dsl.meta().getSchemas().stream().filter(s -> s.getName().equalsIgnoreCase(schema))
                .flatMap(s -> s.getTables().stream()).forEach(t -> tables.add(t.getName().toLowerCase()));
        assertThat(tables).contains("customer", "product", "audit_log");

        Map<String, Set<String>> triggers = new HashMap<>();
        List<org.jooq.Record> rows = TestDatabase.postgres()
                ? dsl.fetch("select c.relname, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid"
                        + " where c.relnamespace = ?::regnamespace", schema)
                : dsl.fetch("select event_object_table, trigger_name from information_schema.triggers where trigger_schema = ?",
                        schema);
        rows.forEach(r -> triggers.computeIfAbsent(r.get(0, String.class).toLowerCase(), t -> new TreeSet<>())
                .add(r.get(1, String.class).toLowerCase()));
        Set<String> expected = TestDatabase.postgres() ? Set.copyOf(AuditTriggers.POSTGRES_TRIGGERS) : null;

        List<String> unaudited = new ArrayList<>();
        for (String table : tables) {
            if (!AuditedTables.audited(table)) {
                continue;
            }
            Set<String> present = triggers.getOrDefault(table, Set.of());
            boolean audited = expected != null ? present.containsAll(expected)
                    : present.contains(AuditTriggers.H2_TRIGGER_PREFIX + table);
            if (!audited) {
                unaudited.add(table);
            }
        }
        assertThat(unaudited).as("business tables without audit triggers (add a primary key, or list the table"
                + " in AuditedTables.UNAUDITED with the reason)").isEmpty();
    }

    @Test
    void apiWritesAreRecordedWithTheirActorColumnsAndRequestId() {
        String adminId = dsl.fetchValue("select id from app_user where login_key = ?", LOGIN).toString();
        Api admin = admin();

        // insert: the whole row, the password hash masked
        String id = admin.header("X-Request-Id", "audit-insert-1").post("/customers", signUp("audit@example.com"))
                .expect(201).data().path("customer_id").asString();
        JsonNode inserted = only(audit(adminToken(), "table", "customer", "record_id", id, "operation", "insert"));
        assertThat(inserted.path("actor_type").asString()).isEqualTo("user");
        assertThat(inserted.path("actor_id").asString()).isEqualTo(adminId);
        assertThat(inserted.path("application_id").asString()).isEqualTo(ENTERPRISE_APP);
        assertThat(inserted.path("request_id").asString()).isEqualTo("audit-insert-1");
        assertThat(inserted.path("changes").path("first_name").path("new_value").asString()).isEqualTo("Audit");
        assertThat(inserted.path("changes").path("first_name").path("old_value").isNull()).isTrue();
        assertThat(inserted.path("changes").path("password_hash").path("new_value").asString()).isEqualTo("***");
        assertThat(inserted.path("changed_at").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

        // update: only the changed columns, before and after
        Map<String, Object> info = person("audit@example.com");
        info.put("first_name", "Changed");
        admin.header("X-Request-Id", "audit-update-1").put("/customers/" + id,
                Map.of("customer", Map.of("personal_information", info))).expect(204);
        JsonNode updated = audit(adminToken(), "table", "customer", "record_id", id).get(0);
        assertThat(updated.path("operation").asString()).isEqualTo("update");
        assertThat(updated.path("request_id").asString()).isEqualTo("audit-update-1");
        assertThat(updated.path("changes").path("first_name").path("old_value").asString()).isEqualTo("Audit");
        assertThat(updated.path("changes").path("first_name").path("new_value").asString()).isEqualTo("Changed");
        assertThat(updated.path("changes").has("email")).as("unchanged columns are left out").isFalse();

        // delete: the whole row as it was
        String record = admin.post("/customers/" + id + "/partner-records",
                Map.of("partner_record", Map.of("partner_id", "partner-a"))).expect(201)
                .data().path("partner_record_id").asString();
        admin.header("X-Request-Id", "audit-delete-1").delete("/customers/" + id + "/partner-records/" + record)
                .expect(204);
        JsonNode deleted = audit(adminToken(), "table", "customer_partner", "record_id", record).get(0);
        assertThat(deleted.path("operation").asString()).isEqualTo("delete");
        assertThat(deleted.path("request_id").asString()).isEqualTo("audit-delete-1");
        assertThat(deleted.path("changes").path("partner_id").path("old_value").asString()).isEqualTo("partner-a");
        assertThat(deleted.path("changes").path("partner_id").path("new_value").isNull()).isTrue();
        assertThat(audit(adminToken(), "table", "customer_partner", "record_id", record)).hasSize(2);
    }

    @Test
    void batchWritesRecordEveryRecordAndOnPostgresOneEntryPerStatement() {
        List<Map<String, Object>> products = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            products.add(Map.of("name", "Product " + i, "plu_ids", List.of(Map.of("list_code", "GLOBAL", "code",
                    "AUDIT-" + i))));
        }
        admin().header("X-Request-Id", "audit-batch-1").post("/products/batch", Map.of("products", products))
                .expect(204);
        List<JsonNode> entries = audit(adminToken(), "actor", ENTERPRISE_APP, "count", "1000");
        List<JsonNode> productInserts = entries.stream().filter(r -> r.path("table").asString().equals("product")
                && r.path("operation").asString().equals("insert")
                && r.path("request_id").asString().equals("audit-batch-1")).toList();
        assertThat(records(productInserts)).hasSize(30)
                .allSatisfy(r -> assertThat(r.path("changes").path("id").path("new_value").asString())
                        .isEqualTo(r.path("record_id").asString()));
        assertThat(productInserts.stream().mapToInt(e -> e.path("record_count").asInt()).sum()).isEqualTo(30);
        if (TestDatabase.postgres()) {
            // one statement wrote the 30 products: one entry with their keys sorted, its values in the same order
            JsonNode statement = only(productInserts);
            assertThat(statement.hasNonNull("record_id")).isFalse();
            List<String> keys = records(List.of(statement)).stream().map(r -> r.path("record_id").asString()).toList();
            assertThat(keys).isSorted();
        } else {
            assertThat(productInserts).hasSize(30); // H2's trigger sees one row at a time
        }
        assertThat(records(entries.stream().filter(r -> r.path("table").asString().equals("product_plu")
                && r.path("operation").asString().equals("insert")).toList())
                .stream().map(r -> r.path("record_id").asString())).contains("AUDIT-7/GLOBAL");

        // a record of a statement's entry is found by its key, shown alone with its changes
        JsonNode plu = only(audit(adminToken(), "table", "product_plu", "record_id", "AUDIT-7/GLOBAL"));
        assertThat(plu.path("record_id").asString()).isEqualTo("AUDIT-7/GLOBAL");
        assertThat(plu.path("changes").path("code").path("new_value").asString()).isEqualTo("AUDIT-7");
        assertThat(plu.path("records")).hasSize(1);
        assertThat(plu.path("record_count").asInt()).isEqualTo(TestDatabase.postgres() ? 30 : 1);

        // the same batch again with one name changed: one update of that product's name, nothing for the rest
        products.set(6, Map.of("name", "Renamed", "plu_ids", List.of(Map.of("list_code", "GLOBAL", "code", "AUDIT-7"))));
        admin().header("X-Request-Id", "audit-batch-2").post("/products/batch", Map.of("products", products))
                .expect(204);
        List<JsonNode> second = audit(adminToken(), "actor", ENTERPRISE_APP, "count", "1000").stream()
                .filter(r -> r.path("request_id").asString().equals("audit-batch-2")).toList();
        assertThat(second).isNotEmpty();
        assertThat(second.stream().filter(r -> r.path("table").asString().equals("product_plu"))).isEmpty();
        assertThat(records(second).stream().map(r -> r.path("changes").toString()).filter(c -> c.contains("Renamed")))
                .hasSize(1);
    }

    /** The records of the entries, each with its key and changes. */
    private static List<JsonNode> records(List<JsonNode> entries) {
        List<JsonNode> records = new ArrayList<>();
        entries.forEach(e -> e.path("records").forEach(records::add));
        return records;
    }

    @Test
    void customerApiWritesNameTheCustomerAndImportsTheSystem() {
        String app = customerToken("audit-phone");
        Map<String, Object> body = signUp("me-audit@example.com");
        body.put("autologin", true);
        String me = customer().bearer(app).post("/customers", body).expect(201).data().path("customer_id").asString();
        customer().bearer(app).post("/customers/" + me + "/partner-records",
                Map.of("partner_record", Map.of("partner_id", "partner-b"))).expect(201);

        JsonNode added = only(audit(adminToken(), "table", "customer_partner", "actor", me));
        assertThat(added.path("actor_type").asString()).isEqualTo("customer");
        assertThat(added.path("application_id").asString()).isEqualTo(CUSTOMER_APP);
        JsonNode signedUp = only(audit(adminToken(), "table", "customer", "record_id", me));
        assertThat(signedUp.path("actor_type").asString()).isEqualTo("customer_token");
        assertThat(signedUp.path("application_id").asString()).isEqualTo(CUSTOMER_APP);

        // the project import at start (and after each reset) is the system; password hashes never show
        List<JsonNode> users = audit(adminToken(), "table", "app_user", "actor", "system");
        assertThat(users).isNotEmpty().allSatisfy(u -> {
            assertThat(u.path("actor_type").asString()).isEqualTo("system");
            assertThat(u.path("changes").path("password_hash").path("new_value").asString()).isEqualTo("***");
        });
        // a plain SQL write outside any request is recorded too
        dsl.execute("update partner set email = 'plain@example.com' where id = 'partner-a'");
        JsonNode plain = audit(adminToken(), "table", "partner", "record_id", "partner-a").get(0);
        assertThat(plain.path("operation").asString()).isEqualTo("update");
        assertThat(plain.path("changes").path("email").path("new_value").asString()).isEqualTo("plain@example.com");
    }

    @Test
    void operatorsReadTheAuditByRecordActorAndTimeNewestFirst() {
        String token = adminToken();
        String id = admin().post("/customers", signUp("window@example.com")).expect(201).data().path("customer_id")
                .asString();
        List<JsonNode> all = audit(token, "count", "1000");
        assertThat(all.size()).isGreaterThan(3);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i - 1).path("audit_id").asLong()).isGreaterThan(all.get(i).path("audit_id").asLong());
        }
        HttpResponse<String> page = get(token, "count", "2", "offset", "1");
        JsonNode data = Api.JSON.readTree(page.body()).path("data");
        // all entries: the list of up to 1000 above, or its total when the project import wrote more
        long total = Api.JSON.readTree(get(token, "count", "1000").body()).path("data").path("total_items").asLong();
        assertThat(total).isGreaterThanOrEqualTo(all.size());
        assertThat(data.path("total_items").asLong()).isEqualTo(total);
        assertThat(data.path("audit_entries")).hasSize(2);
        assertThat(data.path("audit_entries").get(0).path("audit_id").asLong())
                .isEqualTo(all.get(1).path("audit_id").asLong());

        String changedAt = only(audit(token, "table", "customer", "record_id", id)).path("changed_at").asString();
        assertThat(audit(token, "table", "customer", "from", changedAt, "to", changedAt.replace(' ', 'T')))
                .extracting(e -> e.path("record_id").asString()).contains(id);
        assertThat(audit(token, "table", "customer", "from", "2999-01-01 00:00:00")).isEmpty();

        HttpResponse<String> bad = get(token, "from", "yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"from\"").contains("invalid_value_format");
        assertThat(get(token, "count", "0").body()).contains("\"count\"").contains("not_allowed_value");

        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("not-a-token").statusCode()).isEqualTo(401);
        assertThat(get(loginToken("cashier@patron.test", "Cashier-Pass-42")).statusCode()).isEqualTo(403);
    }

    private String adminToken() {
        return loginToken(LOGIN, PASSWORD);
    }

    private static JsonNode only(List<JsonNode> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** The entries of {@code GET /admin/audit}; the pseudo-filter {@code operation} is applied here. */
    private List<JsonNode> audit(String token, String... query) {
        String operation = null;
        List<String> params = new ArrayList<>();
        for (int i = 0; i + 1 < query.length; i += 2) {
            if (query[i].equals("operation")) {
                operation = query[i + 1];
            } else {
                params.add(query[i]);
                params.add(query[i + 1]);
            }
        }
        HttpResponse<String> answer = get(token, params.toArray(String[]::new));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode entry : Api.JSON.readTree(answer.body()).path("data").path("audit_entries")) {
            if (operation == null || entry.path("operation").asString().equals(operation)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The operator endpoint is outside the CareCloud paths: called directly, not checked against the contract. */
    private HttpResponse<String> get(String token, String... query) {
        StringBuilder url = new StringBuilder("http://127.0.0.1:" + port + "/admin/audit");
        for (int i = 0; i + 1 < query.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> person(String email) {
        Map<String, Object> info = new HashMap<>();
        info.put("first_name", "Audit");
        info.put("last_name", "Tester");
        info.put("email", email);
        info.put("language_id", "cs");
        return info;
    }

    private static Map<String, Object> signUp(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("customer", Map.of("personal_information", person(email)));
        body.put("customer_source", Map.of("customer_source_id", ESHOP));
        body.put("autologin", false);
        body.put("password", "S3cret-pass");
        return body;
    }
}
