package io.patron.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.patron.common.Ids;
import io.patron.support.Api;
import io.patron.support.ApiTest;

/** Tasks with their comments, assignees and properties, on both interfaces; task types, states and properties. */
class TaskTest extends ApiTest {

    static final String COMPLAINT = Ids.stable("task_type", "complaint");
    static final String CALLBACK = Ids.stable("task_type", "callback");
    static final String RETIRED = Ids.stable("task_type", "retired");
    static final String NEW = Ids.stable("task_state", "new");
    static final String IN_PROGRESS = Ids.stable("task_state", "in_progress");

    @BeforeEach
    void project() {
        importProject("test-tasks.yaml");
    }

    static Map<String, Object> task(String type, String state, String customerId, String title, int priority) {
        Map<String, Object> task = new HashMap<>();
        task.put("task_type_id", type);
        task.put("task_state_id", state);
        task.put("customer_id", customerId);
        task.put("task_title", title);
        task.put("task_priority", priority);
        return task;
    }

    String adminUserId() {
        return admin().get("/users", "login", LOGIN).expect(200).data().path("users").get(0).path("user_id").asString();
    }

    String create(Api api, Map<String, Object> body) {
        return api.post("/tasks", body).expect(201).data().path("task_id").asString();
    }

    @Test
    void typesStatesAndPropertiesComeFromTheProjectFile() {
        JsonNode types = admin().header("Accept-Language", "cs").get("/task-types").expect(200).data();
        assertThat(types.path("task_types")).extracting(t -> t.path("name").asString())
                .containsExactly("Reklamace", "Zavolat zpět", "Retired type");
        assertThat(admin().get("/task-types/" + COMPLAINT).expect(200).data().path("text_id").asString())
                .isEqualTo("complaint");
        assertThat(admin().get("/task-states").expect(200).data().path("task_states"))
                .extracting(t -> t.path("text_id").asString()).containsExactly("new", "in_progress", "done");
        assertThat(admin().get("/task-states/" + NEW).expect(200).data().path("name").asString()).isEqualTo("New");
        admin().get("/task-types/nope").expect(404);
        admin().get("/task-states/nope").expect(404);
        assertThat(admin().get("/task-properties").expect(200).data().path("total_items").asInt()).isEqualTo(2);
        assertThat(admin().get("/task-properties", "name", "refund").expect(200).data().path("total_items").asInt())
                .isEqualTo(1);
        assertThat(admin().get("/task-properties/order_number").expect(200).data().path("data_type").asString())
                .isEqualTo("string");
        admin().get("/task-properties/nope").expect(404);
    }

    @Test
    void anEnterpriseUserCreatesReplacesAndAssignsTasks() {
        String customer = MessageTest.customer(admin(), "Jan", "jan@example.com", null, "en", Map.of());
        String user = adminUserId();
        Map<String, Object> task = task(COMPLAINT, NEW, customer, "Broken zip", 2);
        task.put("task_note", "The zip of the jacket broke after a week");
        task.put("due_date", "2026-12-24");
        String id = create(admin(), Map.of("task", task,
                "property_records", List.of(Map.of("property_id", "order_number", "property_value", "ORD-1")),
                "assignees", List.of(Map.of("user_id", user))));

        JsonNode read = admin().get("/tasks/" + id).expect(200).data();
        assertThat(read.path("task_title").asString()).isEqualTo("Broken zip");
        assertThat(read.path("due_date").asString()).isEqualTo("2026-12-24");
        assertThat(read.path("state").asInt()).isEqualTo(1);
        assertThat(read.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(admin().get("/tasks/" + id + "/property-records").expect(200).data().path("property_records")
                .get(0).path("property_value").asString()).isEqualTo("ORD-1");
        JsonNode assignees = admin().get("/tasks/" + id + "/assignees").expect(200).data();
        assertThat(assignees.path("total_items").asInt()).isEqualTo(1);
        String assigneeId = assignees.path("task_assignees").get(0).path("task_assignee_id").asString();
        assertThat(admin().get("/tasks/" + id + "/assignees/" + assigneeId).expect(200).data().path("user_id")
                .asString()).isEqualTo(user);
        assertThat(admin().post("/tasks/" + id + "/assignees", Map.of("task_assignee", Map.of("user_id", user)))
                .expect(400).invalidParams()).containsExactly("task_assignee.user_id:already_exists");
        admin().delete("/tasks/" + id + "/assignees/" + assigneeId).expect(204);
        admin().delete("/tasks/" + id + "/assignees/" + assigneeId).expect(404);
        String again = admin().post("/tasks/" + id + "/assignees", Map.of("task_assignee", Map.of("user_id", user)))
                .expect(201).data().path("task_assignee_id").asString();
        assertThat(again).isNotEqualTo(assigneeId);

        // PUT replaces the whole task: the note and due date left out are cleared
        admin().put("/tasks/" + id, Map.of("task", task(CALLBACK, IN_PROGRESS, customer, "Call Jan", 1))).expect(204);
        JsonNode replaced = admin().get("/tasks/" + id).expect(200).data();
        assertThat(replaced.path("task_type_id").asString()).isEqualTo(CALLBACK);
        assertThat(replaced.path("task_state_id").asString()).isEqualTo(IN_PROGRESS);
        assertThat(replaced.has("task_note")).isFalse();
        assertThat(replaced.has("due_date")).isFalse();

        // comments
        String comment = admin().post("/tasks/" + id + "/task-comments", Map.of("task_comment", Map.of("text",
                "Called, no answer"))).expect(201).data().path("task_comment_id").asString();
        assertThat(admin().get("/tasks/" + id + "/task-comments/" + comment).expect(200).data().path("text")
                .asString()).isEqualTo("Called, no answer");
        assertThat(admin().get("/tasks/" + id + "/task-comments", "task_comment_text", "no answer").expect(200)
                .data().path("total_items").asInt()).isEqualTo(1);
        admin().get("/tasks/" + id + "/task-comments/nope").expect(404);
        admin().get("/tasks/nope").expect(404);
        admin().get("/tasks/nope/task-comments").expect(404);
    }

    @Test
    void tasksAreFiltered() {
        String jan = MessageTest.customer(admin(), "Jan", "jan@example.com", null, "en", Map.of());
        String eva = MessageTest.customer(admin(), "Eva", "eva@example.com", null, "en", Map.of());
        Map<String, Object> first = task(COMPLAINT, NEW, jan, "Broken zip", 2);
        first.put("due_date", "2026-12-24");
        first.put("task_note", "jacket");
        create(admin(), Map.of("task", first));
        create(admin(), Map.of("task", task(CALLBACK, IN_PROGRESS, jan, "Call back", 3)));
        create(admin(), Map.of("task", task(COMPLAINT, IN_PROGRESS, eva, "Wrong size", 2)));

        assertThat(count("customer_id", jan)).isEqualTo(2);
        assertThat(count("task_type_id", COMPLAINT)).isEqualTo(2);
        assertThat(count("task_state_id", IN_PROGRESS)).isEqualTo(2);
        assertThat(count("priority", "2")).isEqualTo(2);
        assertThat(count("due_date", "2026-12-24")).isEqualTo(1);
        assertThat(count("task_title", "size")).isEqualTo(1);
        assertThat(count("task_note", "jack")).isEqualTo(1);
        assertThat(admin().get("/tasks", "priority", "7").expect(400).invalidParams())
                .containsExactly("priority:not_allowed_value");
        assertThat(admin().get("/tasks", "due_date", "24.12.").expect(400).invalidParams())
                .containsExactly("due_date:invalid_value_format");
        assertThat(admin().get("/tasks", "sort_field", "task_title", "sort_direction", "DESC").expect(200).data()
                .path("tasks").get(0).path("task_title").asString()).isEqualTo("Wrong size");
    }

    int count(String filter, String value) {
        return admin().get("/tasks", filter, value).expect(200).data().path("total_items").asInt();
    }

    @Test
    void badTasksAreRefusedAndChangeNothing() {
        String jan = MessageTest.customer(admin(), "Jan", "jan@example.com", null, "en", Map.of());
        Map<String, Object> bad = task(RETIRED, "nope", "nobody", "x", 2);
        bad.put("due_date", "tomorrow");
        assertThat(admin().post("/tasks", Map.of("task", bad)).expect(400).invalidParams()).containsExactlyInAnyOrder(
                "task.task_type_id:not_found", "task.task_state_id:not_found", "task.customer_id:not_found",
                "task.due_date:invalid_value_format");
        assertThat(admin().post("/tasks", Map.of("task", task(COMPLAINT, NEW, jan, "x", 5))).expect(400)
                .invalidParams()).containsExactly("task.task_priority:not_allowed_value");
        assertThat(admin().post("/tasks", Map.of("task", task(COMPLAINT, NEW, jan, "x", 2),
                "assignees", List.of(Map.of("user_id", "nobody")))).expect(400).invalidParams())
                .containsExactly("assignees[0].user_id:not_found");
        assertThat(admin().post("/tasks", Map.of("task", task(COMPLAINT, NEW, jan, "x", 2),
                "property_records", List.of(Map.of("property_id", "refund", "property_value", "lots"))))
                .expect(400).invalidParams()).containsExactly("property_records[0].property_value:invalid_value_format");
        assertThat(admin().get("/tasks").expect(200).data().path("total_items").asInt()).isZero();
        String id = create(admin(), Map.of("task", task(COMPLAINT, NEW, jan, "x", 2)));
        assertThat(admin().put("/tasks/" + id, Map.of("task", task(COMPLAINT, NEW, jan, "", 2))).expect(400)
                .invalidParams()).containsExactly("task.task_title:empty");
        admin().put("/tasks/nope", Map.of("task", task(COMPLAINT, NEW, jan, "x", 2))).expect(404);
        assertThat(admin().post("/tasks/" + id + "/assignees", Map.of("task_assignee", Map.of("user_id", "nobody")))
                .expect(400).invalidParams()).containsExactly("task_assignee.user_id:not_found");
        assertThat(admin().post("/tasks/" + id + "/task-comments", Map.of("task_comment", Map.of())).expect(400)
                .invalidParams()).containsExactly("task_comment.text:required");
    }

    @Test
    void aCustomerWorksOnlyWithTheirOwnTasksAndCannotAssignOrMoveThem() {
        Api app = customer().bearer(customerToken("phone-1"));
        Map<String, Object> signUp = new HashMap<>();
        signUp.put("customer", Map.of("personal_information", Map.of("first_name", "Mia", "email", "mia@example.com",
                "language_id", "en")));
        signUp.put("customer_source", Map.of("customer_source_id", Ids.stable("customer_source", "eshop")));
        signUp.put("autologin", true);
        signUp.put("password", "S3cret-pass-42");
        String mia = app.post("/customers", signUp).expect(201).data().path("customer_id").asString();
        String other = MessageTest.customer(admin(), "Ola", "ola@example.com", null, "en", Map.of());
        String theirs = create(admin(), Map.of("task", task(COMPLAINT, IN_PROGRESS, other, "Theirs", 2)));

        // a complaint of her own, in the initial state, without assignees
        assertThat(app.post("/tasks", Map.of("task", task(COMPLAINT, NEW, other, "Not mine", 3))).expect(400)
                .invalidParams()).containsExactly("task.customer_id:not_belong_to_logged_in_customer");
        assertThat(app.post("/tasks", Map.of("task", task(COMPLAINT, IN_PROGRESS, mia, "Skip the queue", 3)))
                .expect(400).invalidParams()).containsExactly("task.task_state_id:not_allowed_value");
        assertThat(app.post("/tasks", Map.of("task", task(COMPLAINT, NEW, mia, "Mine", 3),
                "assignees", List.of(Map.of("user_id", adminUserId())))).expect(400).invalidParams())
                .containsExactly("assignees:not_allowed_value");
        String mine = create(app, Map.of("task", task(COMPLAINT, NEW, mia, "Mine", 3)));

        assertThat(app.get("/tasks").expect(200).data().path("tasks")).extracting(t -> t.path("task_id").asString())
                .containsExactly(mine);
        assertThat(app.get("/tasks", "customer_id", other).expect(200).data().path("total_items").asInt()).isZero();
        app.get("/tasks/" + mine).expect(200);
        String notMine = "task_id:not_belong_to_logged_in_customer";
        assertThat(app.get("/tasks/" + theirs).expect(400).invalidParams()).containsExactly(notMine);
        assertThat(app.get("/tasks/" + theirs + "/task-comments").expect(400).invalidParams()).containsExactly(notMine);
        assertThat(app.get("/tasks/" + theirs + "/assignees").expect(400).invalidParams()).containsExactly(notMine);
        assertThat(app.get("/tasks/" + theirs + "/property-records").expect(400).invalidParams())
                .containsExactly(notMine);
        assertThat(app.post("/tasks/" + theirs + "/task-comments", Map.of("task_comment", Map.of("text", "hi")))
                .expect(400).invalidParams()).containsExactly(notMine);
        assertThat(app.put("/tasks/" + theirs, Map.of("task", task(COMPLAINT, IN_PROGRESS, other, "x", 2)))
                .expect(400).invalidParams()).containsExactly(notMine);

        // her own: comments yes, title and priority yes, type and state no, assignees never
        String comment = app.post("/tasks/" + mine + "/task-comments", Map.of("task_comment", Map.of("text",
                "Still waiting"))).expect(201).data().path("task_comment_id").asString();
        app.get("/tasks/" + mine + "/task-comments/" + comment).expect(200);
        app.put("/tasks/" + mine, Map.of("task", task(COMPLAINT, NEW, mia, "Mine, urgent", 1))).expect(204);
        assertThat(app.put("/tasks/" + mine, Map.of("task", task(CALLBACK, IN_PROGRESS, mia, "Mine", 1))).expect(400)
                .invalidParams()).containsExactlyInAnyOrder("task.task_type_id:not_allowed_value",
                        "task.task_state_id:not_allowed_value");
        app.post("/tasks/" + mine + "/assignees", Map.of("task_assignee", Map.of("user_id", adminUserId())))
                .expect(403);
        app.delete("/tasks/" + mine + "/assignees/x").expect(403);
        assertThat(admin().get("/tasks/" + mine).expect(200).data().path("task_title").asString())
                .isEqualTo("Mine, urgent");
        customer().bearer(customerToken("phone-2")).post("/tasks",
                Map.of("task", task(COMPLAINT, NEW, mia, "Anonymous", 3))).expect(403);
    }
}
