package io.patron.engagement;

import static io.patron.db.Tables.TASK;
import static io.patron.db.Tables.TASK_ASSIGNEE;
import static io.patron.db.Tables.TASK_COMMENT;
import static io.patron.db.Tables.TASK_STATE;
import static io.patron.db.Tables.TASK_TYPE;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

/** SQL of tasks, their comments and assignees, task types and states. */
@Repository
class TaskRepository {

    /** Task types and task states share their shape. */
    enum Kind {
        TYPE(TASK_TYPE, TASK_TYPE.ID, TASK_TYPE.TEXT_ID, TASK_TYPE.POSITION, TASK_TYPE.STATE, TASK_TYPE.LAST_CHANGE),
        STATE(TASK_STATE, TASK_STATE.ID, TASK_STATE.TEXT_ID, TASK_STATE.POSITION, TASK_STATE.STATE,
                TASK_STATE.LAST_CHANGE);

        final Table<?> table;
        final Field<String> id;
        final Field<String> textId;
        final Field<Integer> position;
        final Field<Integer> state;
        final Field<OffsetDateTime> lastChange;

        Kind(Table<?> table, Field<String> id, Field<String> textId, Field<Integer> position, Field<Integer> state,
             Field<OffsetDateTime> lastChange) {
            this.table = table;
            this.id = id;
            this.textId = textId;
            this.position = position;
            this.state = state;
            this.lastChange = lastChange;
        }

        String table() {
            return table.getName();
        }
    }

    /** A stored task's fields that rules look at. */
    record Stored(String id, String customerId, String typeId, String stateId) {
    }

    private final DSLContext dsl;

    TaskRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void upsertKind(Kind kind, String id, String textId, int position, int state, boolean renamed,
                    OffsetDateTime now) {
        var existing = dsl.select(kind.textId, kind.position, kind.state).from(kind.table).where(kind.id.eq(id))
                .fetchOptional();
        if (existing.isEmpty()) {
            dsl.insertInto(kind.table).set(kind.id, id).set(kind.textId, textId).set(kind.position, position)
                    .set(kind.state, state).set(kind.lastChange, now).execute();
        } else if (renamed || !existing.get().value1().equals(textId) || existing.get().value2() != position
                || existing.get().value3() != state) {
            dsl.update(kind.table).set(kind.textId, textId).set(kind.position, position).set(kind.state, state)
                    .set(kind.lastChange, now).where(kind.id.eq(id)).execute();
        }
    }

    boolean activeKind(Kind kind, String id) {
        return id != null && dsl.fetchExists(kind.table, kind.id.eq(id).and(kind.state.eq(1)));
    }

    /** The first active state by position: where tasks customers open start. */
    Optional<String> initialState() {
        return dsl.select(TASK_STATE.ID).from(TASK_STATE).where(TASK_STATE.STATE.eq(1))
                .orderBy(TASK_STATE.POSITION, TASK_STATE.ID).limit(1).fetchOptional(TASK_STATE.ID);
    }

    void insert(String id, TaskBodies.Task task, LocalDate dueDate, OffsetDateTime now) {
        dsl.insertInto(TASK).set(TASK.ID, id).set(TASK.TASK_TYPE_ID, task.taskTypeId())
                .set(TASK.TASK_STATE_ID, task.taskStateId()).set(TASK.CUSTOMER_ID, task.customerId())
                .set(TASK.TASK_TITLE, task.taskTitle()).set(TASK.TASK_NOTE, task.taskNote())
                .set(TASK.TASK_PRIORITY, task.taskPriority()).set(TASK.DUE_DATE, dueDate)
                .set(TASK.CREATED_AT, now).set(TASK.STATE, 1).set(TASK.LAST_CHANGE, now)
                .execute();
    }

    void replace(String id, TaskBodies.Task task, LocalDate dueDate, OffsetDateTime now) {
        dsl.update(TASK).set(TASK.TASK_TYPE_ID, task.taskTypeId())
                .set(TASK.TASK_STATE_ID, task.taskStateId()).set(TASK.CUSTOMER_ID, task.customerId())
                .set(TASK.TASK_TITLE, task.taskTitle()).set(TASK.TASK_NOTE, task.taskNote())
                .set(TASK.TASK_PRIORITY, task.taskPriority()).set(TASK.DUE_DATE, dueDate)
                .set(TASK.LAST_CHANGE, now)
                .where(TASK.ID.eq(id)).execute();
    }

    /** The task, locked for a change. */
    Optional<Stored> lock(String id) {
        return dsl.select(TASK.ID, TASK.CUSTOMER_ID, TASK.TASK_TYPE_ID, TASK.TASK_STATE_ID).from(TASK)
                .where(TASK.ID.eq(id)).and(TASK.STATE.ne(0)).forUpdate()
                .fetchOptional(r -> new Stored(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<Stored> find(String id) {
        return dsl.select(TASK.ID, TASK.CUSTOMER_ID, TASK.TASK_TYPE_ID, TASK.TASK_STATE_ID).from(TASK)
                .where(TASK.ID.eq(id)).and(TASK.STATE.ne(0))
                .fetchOptional(r -> new Stored(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    void insertComment(String id, String taskId, String text, String userId, boolean fromCustomer,
                       OffsetDateTime now) {
        dsl.insertInto(TASK_COMMENT).set(TASK_COMMENT.ID, id).set(TASK_COMMENT.TASK_ID, taskId)
                .set(TASK_COMMENT.TEXT, text).set(TASK_COMMENT.USER_ID, userId)
                .set(TASK_COMMENT.FROM_CUSTOMER, fromCustomer).set(TASK_COMMENT.STATE, 1)
                .set(TASK_COMMENT.LAST_CHANGE, now).execute();
        touch(taskId, now);
    }

    boolean hasAssignee(String taskId, String userId) {
        return dsl.fetchExists(TASK_ASSIGNEE, TASK_ASSIGNEE.TASK_ID.eq(taskId).and(TASK_ASSIGNEE.USER_ID.eq(userId)));
    }

    void insertAssignee(String id, String taskId, String userId, OffsetDateTime now) {
        dsl.insertInto(TASK_ASSIGNEE).set(TASK_ASSIGNEE.ID, id).set(TASK_ASSIGNEE.TASK_ID, taskId)
                .set(TASK_ASSIGNEE.USER_ID, userId).set(TASK_ASSIGNEE.LAST_CHANGE, now).execute();
        touch(taskId, now);
    }

    boolean deleteAssignee(String taskId, String assigneeId, OffsetDateTime now) {
        boolean deleted = dsl.deleteFrom(TASK_ASSIGNEE).where(TASK_ASSIGNEE.TASK_ID.eq(taskId))
                .and(TASK_ASSIGNEE.ID.eq(assigneeId)).execute() == 1;
        if (deleted) {
            touch(taskId, now);
        }
        return deleted;
    }

    private void touch(String taskId, OffsetDateTime now) {
        dsl.update(TASK).set(TASK.LAST_CHANGE, now).where(TASK.ID.eq(taskId)).execute();
    }
}
