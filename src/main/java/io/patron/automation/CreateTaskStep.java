package io.patron.automation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.patron.engagement.TaskService;
import tools.jackson.databind.JsonNode;

/**
 * {@code { kind: create_task, task_type_id: ..., title: ... }} with optional {@code task_state_id} (the initial
 * state by default), {@code note}, {@code priority} (1–4, default 2), {@code due_in_days} (from the step's run
 * time) and {@code assignee_user_ids}: a task about the customer, e.g. "call back" after a complaint event, for the
 * users to work on. Written in the run's transaction, so a repeated step never opens a second task; a type, state or
 * user the task package refuses fails the step for good.
 */
@Component
class CreateTaskStep implements AutomationStep {

    private static final String KIND = "create_task";

    private final TaskService tasks;

    CreateTaskStep(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void check(JsonNode settings) {
        ServiceStepSupport.requiredText(KIND, settings, "task_type_id");
        ServiceStepSupport.requiredText(KIND, settings, "title");
        priority(settings);
        dueInDays(settings);
        assignees(settings);
    }

    @Override
    public StepResult run(StepContext context) {
        JsonNode settings = context.settings();
        Integer days = dueInDays(settings);
        String taskId = ServiceStepSupport.refusalIsPermanent(KIND, () -> tasks.openForCustomer(context.customerId(),
                ServiceStepSupport.requiredText(KIND, settings, "task_type_id"),
                ServiceStepSupport.optionalText(settings, "task_state_id"),
                ServiceStepSupport.requiredText(KIND, settings, "title"),
                ServiceStepSupport.optionalText(settings, "note"), priority(settings),
                days == null ? null : context.now().toLocalDate().plusDays(days), assignees(settings)));
        return StepResult.done("task " + taskId + " opened");
    }

    private static int priority(JsonNode settings) {
        JsonNode value = settings.get("priority");
        if (value == null || value.isNull()) {
            return 2;
        }
        if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 4) {
            throw new IllegalArgumentException(KIND + ": priority must be 1, 2, 3 or 4");
        }
        return value.asInt();
    }

    private static Integer dueInDays(JsonNode settings) {
        JsonNode value = settings.get("due_in_days");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asInt() < 0) {
            throw new IllegalArgumentException(KIND + ": due_in_days must be a whole number of days, 0 or more");
        }
        return value.asInt();
    }

    private static List<String> assignees(JsonNode settings) {
        JsonNode value = settings.get("assignee_user_ids");
        List<String> ids = new ArrayList<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(KIND + ": assignee_user_ids must be a list of user ids");
        }
        value.forEach(id -> ids.add(id.asString()));
        return ids;
    }
}
