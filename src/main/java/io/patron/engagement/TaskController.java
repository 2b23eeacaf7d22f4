package io.patron.engagement;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.patron.api.ApiController;
import io.patron.api.ApiInterface;
import io.patron.api.Caller;
import io.patron.api.Envelope;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.OnlyIn;

/** Tasks, their comments, assignees and property records; task types, states and properties. */
@ApiController
class TaskController {

    private final TaskService tasks;
    private final TaskQueries queries;

    TaskController(TaskService tasks, TaskQueries queries) {
        this.tasks = tasks;
        this.queries = queries;
    }

    @GetMapping("/tasks")
    Envelope tasks(ListParams params) {
        return Envelope.list("tasks", queries.tasks(params));
    }

    @PostMapping("/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope create(@Valid @RequestBody TaskBodies.NewTask body, Caller caller) {
        return Envelope.of(new TaskBodies.Created(tasks.create(caller, body)));
    }

    @GetMapping("/tasks/{task_id}")
    Envelope task(@PathVariable("task_id") String id, Caller caller) {
        return Envelope.of(queries.task(caller, id));
    }

    @PutMapping("/tasks/{task_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replace(@PathVariable("task_id") String id, @Valid @RequestBody TaskBodies.TaskUpdate body, Caller caller) {
        tasks.replace(caller, id, body.task());
    }

    @GetMapping("/tasks/{task_id}/task-comments")
    Envelope comments(@PathVariable("task_id") String id, ListParams params) {
        return Envelope.list("task_comments", queries.comments(id, params));
    }

    @PostMapping("/tasks/{task_id}/task-comments")
    @ResponseStatus(HttpStatus.CREATED)
    Envelope comment(@PathVariable("task_id") String id, @Valid @RequestBody TaskBodies.NewComment body,
                     Caller caller) {
        return Envelope.of(new TaskBodies.CreatedComment(tasks.comment(caller, id, body.taskComment())));
    }

    @GetMapping("/tasks/{task_id}/task-comments/{task_comment_id}")
    Envelope comment(@PathVariable("task_id") String id, @PathVariable("task_comment_id") String commentId,
                     Caller caller) {
        return Envelope.of(queries.comment(caller, id, commentId));
    }

    @GetMapping("/tasks/{task_id}/assignees")
    Envelope assignees(@PathVariable("task_id") String id, ListParams params) {
        return Envelope.list("task_assignees", queries.assignees(id, params));
    }

    @PostMapping("/tasks/{task_id}/assignees")
    @ResponseStatus(HttpStatus.CREATED)
    @OnlyIn(ApiInterface.ENTERPRISE)
    Envelope assign(@PathVariable("task_id") String id, @Valid @RequestBody TaskBodies.NewAssignee body) {
        return Envelope.of(new TaskBodies.CreatedAssignee(tasks.assign(id, body.taskAssignee())));
    }

    @GetMapping("/tasks/{task_id}/assignees/{assignee_id}")
    Envelope assignee(@PathVariable("task_id") String id, @PathVariable("assignee_id") String assigneeId,
                      Caller caller) {
        return Envelope.of(queries.assignee(caller, id, assigneeId));
    }

    @DeleteMapping("/tasks/{task_id}/assignees/{assignee_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @OnlyIn(ApiInterface.ENTERPRISE)
    void unassign(@PathVariable("task_id") String id, @PathVariable("assignee_id") String assigneeId) {
        tasks.unassign(id, assigneeId);
    }

    @GetMapping("/tasks/{task_id}/property-records")
    Envelope propertyRecords(@PathVariable("task_id") String id, ListParams params, Language language) {
        return Envelope.list("property_records", queries.propertyRecords(id, params, language));
    }

    @GetMapping("/task-types")
    Envelope taskTypes(ListParams params, Language language) {
        return Envelope.list("task_types", queries.taskTypes(params, language));
    }

    @GetMapping("/task-types/{task_type_id}")
    Envelope taskType(@PathVariable("task_type_id") String id, Language language) {
        return Envelope.of(queries.taskType(id, language));
    }

    @GetMapping("/task-states")
    Envelope taskStates(ListParams params, Language language) {
        return Envelope.list("task_states", queries.taskStates(params, language));
    }

    @GetMapping("/task-states/{task_state_id}")
    Envelope taskState(@PathVariable("task_state_id") String id, Language language) {
        return Envelope.of(queries.taskState(id, language));
    }

    @GetMapping("/task-properties")
    Envelope taskProperties(ListParams params, Language language) {
        return Envelope.list("task_properties", queries.taskProperties(params, language));
    }

    @GetMapping("/task-properties/{task_property_id}")
    Envelope taskProperty(@PathVariable("task_property_id") String id, Language language) {
        return Envelope.of(queries.taskProperty(id, language));
    }
}
