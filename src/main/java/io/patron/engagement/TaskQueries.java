package io.patron.engagement;

import static io.patron.api.Filters.CONTAINS;
import static io.patron.api.Filters.EQ;
import static io.patron.db.Tables.TASK;
import static io.patron.db.Tables.TASK_ASSIGNEE;
import static io.patron.db.Tables.TASK_COMMENT;
import static io.patron.db.Tables.TASK_STATE;
import static io.patron.db.Tables.TASK_TYPE;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiRequest;
import io.patron.api.ApiTime;
import io.patron.api.Caller;
import io.patron.api.CustomerScope;
import io.patron.api.InvalidParam;
import io.patron.api.Language;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.api.Translations;
import io.patron.auth.UserQueries;
import io.patron.property.PropertyService;

/** Reads of tasks, their comments, assignees and property records, task types, states and properties. */
@Service
@Transactional(readOnly = true)
public class TaskQueries {

    static final String PROPERTY_OWNER = "task";

    private final ListQueries lists;
    private final TaskRepository repository;
    private final UserQueries users;
    private final PropertyService properties;
    private final Clock clock;
    private final ListSpec<TaskBodies.Task> tasks;
    private final ListSpec<TaskBodies.Comment> comments;
    private final ListSpec<TaskBodies.Assignee> assignees;

    TaskQueries(ListQueries lists, TaskRepository repository, UserQueries users, PropertyService properties,
                Clock clock) {
        this.lists = lists;
        this.repository = repository;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
        this.tasks = ListSpec.<TaskBodies.Task>from(TASK)
                .id("task_id", TASK.ID)
                .field("task_type_id", TASK.TASK_TYPE_ID, EQ)
                .field("task_state_id", TASK.TASK_STATE_ID, EQ)
                .field("customer_id", TASK.CUSTOMER_ID, EQ)
                .field("task_note", TASK.TASK_NOTE, CONTAINS)
                .field("task_title", TASK.TASK_TITLE, CONTAINS)
                .field("task_priority", TASK.TASK_PRIORITY)
                .field("due_date", TASK.DUE_DATE.convertFrom(d -> d == null ? null : d.toString()))
                .field("created_at", ApiTime.text(TASK.CREATED_AT, clock))
                .field("state", TASK.STATE)
                .filters(f -> f
                        .oneOf("priority", TASK.TASK_PRIORITY, 1, 2, 3, 4)
                        .custom("due_date", v -> {
                            try {
                                return TASK.DUE_DATE.eq(LocalDate.parse(v.trim()));
                            } catch (DateTimeParseException e) {
                                f.error(InvalidParam.of("due_date", Reason.INVALID_VALUE_FORMAT, v,
                                        "Expected a date as YYYY-MM-DD"));
                                return DSL.noCondition();
                            }
                        }))
                .customerScoped(TASK.CUSTOMER_ID)
                .map(r -> r.into(TaskBodies.Task.class));
        this.comments = ListSpec.<TaskBodies.Comment>from(TASK_COMMENT)
                .id("task_comment_id", TASK_COMMENT.ID)
                .field("task_id", TASK_COMMENT.TASK_ID)
                .field("text", TASK_COMMENT.TEXT)
                .field("last_change", ApiTime.local(TASK_COMMENT.LAST_CHANGE, clock))
                .field("state", TASK_COMMENT.STATE)
                .filter("task_comment_text", TASK_COMMENT.TEXT, CONTAINS)
                .defaultOrder(TASK_COMMENT.LAST_CHANGE)
                .map(r -> r.into(TaskBodies.Comment.class));
        this.assignees = ListSpec.<TaskBodies.Assignee>from(TASK_ASSIGNEE)
                .id("task_assignee_id", TASK_ASSIGNEE.ID)
                .field("user_id", TASK_ASSIGNEE.USER_ID)
                .field("last_change", ApiTime.local(TASK_ASSIGNEE.LAST_CHANGE, clock))
                .sortableOnly("task_assignee_id", "user_id", "last_change")
                .map(r -> new TaskBodies.Assignee(r.get("task_assignee_id", String.class),
                        r.get("user_id", String.class), null, r.get("last_change", LocalDateTime.class)));
    }

    // --- tasks -------------------------------------------------------------------------------------

    public Page<TaskBodies.Task> tasks(ListParams params) {
        return lists.page(tasks, params);
    }

    public TaskBodies.Task task(Caller caller, String taskId) {
        return lists.one(tasks, TASK.ID.eq(taskId).and(TASK.STATE.ne(0)))
                .map(t -> {
                    CustomerScope.requireAccess(caller, t.customerId(), "task_id");
                    return t;
                })
                .orElseThrow(() -> ApiError.notFound("tasks", taskId));
    }

    /** The task of a sub-resource read, after the caller's access to it was checked. */
    TaskRepository.Stored accessible(Caller caller, String taskId) {
        TaskRepository.Stored task = repository.find(taskId).orElseThrow(() -> ApiError.notFound("tasks", taskId));
        CustomerScope.requireAccess(caller, task.customerId(), "task_id");
        return task;
    }

    public Page<TaskBodies.Comment> comments(String taskId, ListParams params) {
        accessible(ApiRequest.caller(params.request()), taskId);
        return lists.page(comments, params, TASK_COMMENT.TASK_ID.eq(taskId));
    }

    public TaskBodies.Comment comment(Caller caller, String taskId, String commentId) {
        accessible(caller, taskId);
        return lists.one(comments, TASK_COMMENT.TASK_ID.eq(taskId).and(TASK_COMMENT.ID.eq(commentId)))
                .orElseThrow(() -> ApiError.notFound("task-comments", commentId));
    }

    public Page<TaskBodies.Assignee> assignees(String taskId, ListParams params) {
        accessible(ApiRequest.caller(params.request()), taskId);
        Page<TaskBodies.Assignee> page = lists.page(assignees, params, TASK_ASSIGNEE.TASK_ID.eq(taskId));
        return new Page<>(page.items().stream().map(this::named).toList(), page.totalItems());
    }

    public TaskBodies.Assignee assignee(Caller caller, String taskId, String assigneeId) {
        accessible(caller, taskId);
        return lists.one(assignees, TASK_ASSIGNEE.TASK_ID.eq(taskId).and(TASK_ASSIGNEE.ID.eq(assigneeId)))
                .map(this::named)
                .orElseThrow(() -> ApiError.notFound("assignees", assigneeId));
    }

    private TaskBodies.Assignee named(TaskBodies.Assignee a) {
        UserQueries.User user = users.user(a.userId());
        return new TaskBodies.Assignee(a.taskAssigneeId(), a.userId(),
                (user.firstName() + " " + user.lastName()).trim(), a.lastChange());
    }

    public Page<PropertyService.PropertyRecord> propertyRecords(String taskId, ListParams params, Language language) {
        accessible(ApiRequest.caller(params.request()), taskId);
        return properties.records(PROPERTY_OWNER, taskId, params, language);
    }

    // --- types, states, properties -----------------------------------------------------------------

    private static ListSpec<TaskBodies.TaskType> types(Language language) {
        return ListSpec.<TaskBodies.TaskType>from(TASK_TYPE)
                .id("task_type_id", TASK_TYPE.ID)
                .field("name", Translations.text("task_type.name", TASK_TYPE.ID, language))
                .field("text_id", TASK_TYPE.TEXT_ID)
                .field("state", TASK_TYPE.STATE)
                .defaultOrder(TASK_TYPE.POSITION)
                .map(r -> r.into(TaskBodies.TaskType.class));
    }

    private static ListSpec<TaskBodies.TaskState> states(Language language) {
        return ListSpec.<TaskBodies.TaskState>from(TASK_STATE)
                .id("task_state_id", TASK_STATE.ID)
                .field("name", Translations.text("task_state.name", TASK_STATE.ID, language))
                .field("text_id", TASK_STATE.TEXT_ID)
                .field("state", TASK_STATE.STATE)
                .defaultOrder(TASK_STATE.POSITION)
                .map(r -> r.into(TaskBodies.TaskState.class));
    }

    public Page<TaskBodies.TaskType> taskTypes(ListParams params, Language language) {
        return lists.page(types(language), params);
    }

    public TaskBodies.TaskType taskType(String id, Language language) {
        return lists.one(types(language), TASK_TYPE.ID.eq(id)).orElseThrow(() -> ApiError.notFound("task-types", id));
    }

    public Page<TaskBodies.TaskState> taskStates(ListParams params, Language language) {
        return lists.page(states(language), params);
    }

    public TaskBodies.TaskState taskState(String id, Language language) {
        return lists.one(states(language), TASK_STATE.ID.eq(id))
                .orElseThrow(() -> ApiError.notFound("task-states", id));
    }

    public Page<PropertyService.Property> taskProperties(ListParams params, Language language) {
        return properties.definitions(PROPERTY_OWNER, params, language);
    }

    public PropertyService.Property taskProperty(String id, Language language) {
        return properties.definition(PROPERTY_OWNER, "task-properties", id, language);
    }
}
