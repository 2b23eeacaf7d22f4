package io.patron.engagement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Reason;
import io.patron.auth.UserQueries;
import io.patron.card.CustomerDirectory;
import io.patron.common.Ids;
import io.patron.property.PropertyService;

/**
 * Tasks: an Enterprise user creates and changes any task and assigns users; a customer (Customer API) opens tasks of
 * their own in the initial state, may change their title, note, priority and due date but never type or state, and
 * comments on their own tasks.
 */
@Service
@Transactional
public class TaskService {

    private final TaskRepository repository;
    private final TaskQueries queries;
    private final CustomerDirectory customers;
    private final UserQueries users;
    private final PropertyService properties;
    private final Clock clock;

    TaskService(TaskRepository repository, TaskQueries queries, CustomerDirectory customers, UserQueries users,
                PropertyService properties, Clock clock) {
        this.repository = repository;
        this.queries = queries;
        this.customers = customers;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Opens a task about a customer for Patron's own engine (the automation's create_task step), checked as an
     * Enterprise user's request is: type, state (the initial state when null), customer, assignees. Refusals are
     * {@link ApiError}s naming the field, as over the API.
     */
    public String openForCustomer(String customerId, String taskTypeId, String taskStateId, String title, String note,
                                  int priority, LocalDate dueDate, List<String> assigneeUserIds) {
        String state = taskStateId != null ? taskStateId : repository.initialState().orElse(null);
        TaskBodies.Task task = new TaskBodies.Task(null, taskTypeId, state, customerId, note, title, priority,
                dueDate == null ? null : dueDate.toString(), null, null);
        List<TaskBodies.Assignee> assignees = assigneeUserIds.stream()
                .map(userId -> new TaskBodies.Assignee(null, userId, null, null)).toList();
        return create(ENGINE, new TaskBodies.NewTask(task, List.of(), assignees));
    }

    /** Patron's engine as the caller of {@link #openForCustomer}: an Enterprise user of no application. */
    private static final Caller ENGINE = new Caller.User(null, null, null);

    String create(Caller caller, TaskBodies.NewTask request) {
        TaskBodies.Task task = request.task();
        CustomerScope.requireAccess(caller, task.customerId(), "task.customer_id");
        boolean customer = caller instanceof Caller.CustomerToken;
        List<InvalidParam> errors = new ArrayList<>();
        LocalDate due = check(task, errors);
        if (customer && !errors.stream().anyMatch(e -> e.name().equals("task.task_state_id"))
                && !repository.initialState().orElse("").equals(task.taskStateId())) {
            errors.add(InvalidParam.of("task.task_state_id", Reason.NOT_ALLOWED_VALUE, task.taskStateId(),
                    "A customer's task starts in the initial state"));
        }
        List<TaskBodies.Assignee> assignees = request.assignees() == null ? List.of() : request.assignees();
        if (customer && !assignees.isEmpty()) {
            errors.add(InvalidParam.of("assignees", Reason.NOT_ALLOWED_VALUE, null,
                    "Customers cannot assign users to tasks"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < assignees.size() && !customer; i++) {
            String userId = assignees.get(i).userId();
            if (!userExists(userId)) {
                errors.add(InvalidParam.of("assignees[" + i + "].user_id", Reason.NOT_FOUND, userId,
                        "No user with this id"));
            } else if (!seen.add(userId)) {
                errors.add(InvalidParam.of("assignees[" + i + "].user_id", Reason.ALREADY_EXISTS, userId,
                        "The user is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        String id = Ids.newId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        repository.insert(id, task, due, now);
        List<PropertyService.PropertyRecordInput> records = request.propertyRecords() == null ? List.of()
                : request.propertyRecords();
        for (int i = 0; i < records.size(); i++) {
            properties.add(TaskQueries.PROPERTY_OWNER, id, records.get(i), "property_records[" + i + "]");
        }
        assignees.forEach(a -> repository.insertAssignee(Ids.newId(), id, a.userId(), now));
        return id;
    }

    void replace(Caller caller, String taskId, TaskBodies.Task task) {
        TaskRepository.Stored stored = repository.lock(taskId).orElseThrow(() -> ApiError.notFound("tasks", taskId));
        CustomerScope.requireAccess(caller, stored.customerId(), "task_id");
        CustomerScope.requireAccess(caller, task.customerId(), "task.customer_id");
        List<InvalidParam> errors = new ArrayList<>();
        LocalDate due = check(task, errors);
        if (caller instanceof Caller.CustomerToken) {
            if (!stored.typeId().equals(task.taskTypeId())) {
                errors.add(InvalidParam.of("task.task_type_id", Reason.NOT_ALLOWED_VALUE, task.taskTypeId(),
                        "Customers cannot change the type of a task"));
            }
            if (!stored.stateId().equals(task.taskStateId())) {
                errors.add(InvalidParam.of("task.task_state_id", Reason.NOT_ALLOWED_VALUE, task.taskStateId(),
                        "Customers cannot change the state of a task"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(errors);
        }
        repository.replace(taskId, task, due, OffsetDateTime.now(clock));
    }

    String comment(Caller caller, String taskId, TaskBodies.Comment comment) {
        TaskRepository.Stored task = repository.lock(taskId).orElseThrow(() -> ApiError.notFound("tasks", taskId));
        CustomerScope.requireAccess(caller, task.customerId(), "task_id");
        String id = Ids.newId();
        String userId = caller instanceof Caller.User user ? user.userId() : null;
        repository.insertComment(id, taskId, comment.text(), userId, caller instanceof Caller.CustomerToken,
                OffsetDateTime.now(clock));
        return id;
    }

    String assign(String taskId, TaskBodies.Assignee assignee) {
        repository.lock(taskId).orElseThrow(() -> ApiError.notFound("tasks", taskId));
        if (!userExists(assignee.userId())) {
            throw ApiError.badRequest("task_assignee.user_id", Reason.NOT_FOUND, "No user with this id");
        }
        if (repository.hasAssignee(taskId, assignee.userId())) {
            throw ApiError.badRequest("task_assignee.user_id", Reason.ALREADY_EXISTS, "The user is already assigned");
        }
        String id = Ids.newId();
        repository.insertAssignee(id, taskId, assignee.userId(), OffsetDateTime.now(clock));
        return id;
    }

    void unassign(String taskId, String assigneeId) {
        repository.lock(taskId).orElseThrow(() -> ApiError.notFound("tasks", taskId));
        if (!repository.deleteAssignee(taskId, assigneeId, OffsetDateTime.now(clock))) {
            throw ApiError.notFound("assignees", assigneeId);
        }
    }

    private boolean userExists(String userId) {
        try {
            users.user(userId);
            return true;
        } catch (ApiError e) {
            return false;
        }
    }

    /** The references and formats of a task body; returns its due date. */
    private LocalDate check(TaskBodies.Task task, List<InvalidParam> errors) {
        if (!repository.activeKind(TaskRepository.Kind.TYPE, task.taskTypeId())) {
            errors.add(InvalidParam.of("task.task_type_id", Reason.NOT_FOUND, task.taskTypeId(),
                    "No active task type with this id"));
        }
        if (!repository.activeKind(TaskRepository.Kind.STATE, task.taskStateId())) {
            errors.add(InvalidParam.of("task.task_state_id", Reason.NOT_FOUND, task.taskStateId(),
                    "No active task state with this id"));
        }
        if (!customers.exists(task.customerId())) {
            errors.add(InvalidParam.of("task.customer_id", Reason.NOT_FOUND, task.customerId(),
                    "No customer with this id"));
        }
        if (task.dueDate() == null || task.dueDate().isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(task.dueDate().trim());
        } catch (DateTimeParseException e) {
            errors.add(InvalidParam.of("task.due_date", Reason.INVALID_VALUE_FORMAT, task.dueDate(),
                    "Expected a date as YYYY-MM-DD"));
            return null;
        }
    }
}
