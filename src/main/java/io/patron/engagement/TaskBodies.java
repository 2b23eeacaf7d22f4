package io.patron.engagement;

import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.patron.api.OneOf;
import io.patron.property.PropertyService;

/** Bodies of tasks, their comments and assignees, task types and states. */
final class TaskBodies {

    private TaskBodies() {
    }

    /** A task as read and written; {@code due_date} is text so that its format is checked field by field. */
    record Task(String taskId, @NotBlank String taskTypeId, @NotBlank String taskStateId, @NotBlank String customerId,
                String taskNote, @NotBlank String taskTitle, @NotNull @OneOf({"1", "2", "3", "4"}) Integer taskPriority,
                String dueDate, String createdAt, Integer state) {
    }

    record Assignee(String taskAssigneeId, @NotBlank String userId, String name, LocalDateTime lastChange) {
    }

    record NewTask(@NotNull @Valid Task task,
                   @Size(max = 1000) List<PropertyService.@Valid @NotNull PropertyRecordInput> propertyRecords,
                   @Size(max = 1000) List<@Valid @NotNull Assignee> assignees) {
    }

    record TaskUpdate(@NotNull @Valid Task task) {
    }

    record Comment(String taskCommentId, String taskId, @NotBlank String text, LocalDateTime lastChange,
                   Integer state) {
    }

    record NewComment(@NotNull @Valid Comment taskComment) {
    }

    record NewAssignee(@NotNull @Valid Assignee taskAssignee) {
    }

    record TaskType(String taskTypeId, String name, String textId, Integer state) {
    }

    record TaskState(String taskStateId, String name, String textId, Integer state) {
    }

    record Created(String taskId) {
    }

    record CreatedComment(String taskCommentId) {
    }

    record CreatedAssignee(String taskAssigneeId) {
    }
}
