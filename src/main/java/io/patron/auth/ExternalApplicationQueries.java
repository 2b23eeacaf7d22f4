package io.patron.auth;

import static io.patron.api.Filters.IN;
import static io.patron.db.Tables.EXTERNAL_APPLICATION;

import java.time.Clock;
import java.time.LocalDateTime;

import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiError;
import io.patron.api.ApiTime;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;

/**
 * Reads of the project's Customer API applications (the ones customer tokens are issued for). Only the
 * public face of an application is returned: id, text id, name, state and last change.
 */
@Service
@Transactional(readOnly = true)
public class ExternalApplicationQueries {

    /** {@code state}: 1 active, 2 not active (applications are never deleted, so 0 does not occur). */
    public record ExternalApplication(String externalApplicationId, String textId, String name,
                                      LocalDateTime lastChange, int state) {
    }

    private final ListQueries lists;
    private final ListSpec<ExternalApplication> applications;

    ExternalApplicationQueries(ListQueries lists, Clock clock) {
        this.lists = lists;
        this.applications = ListSpec.<ExternalApplication>from(EXTERNAL_APPLICATION)
                .id("external_application_id", EXTERNAL_APPLICATION.ID)
                .field("text_id", EXTERNAL_APPLICATION.ID, IN)
                .field("name", EXTERNAL_APPLICATION.NAME)
                .field("last_change", ApiTime.local(EXTERNAL_APPLICATION.CREATED_AT, clock))
                .field("state", DSL.when(EXTERNAL_APPLICATION.ACTIVE.isTrue(), DSL.inline(1)).otherwise(DSL.inline(2)))
                .map(r -> r.into(ExternalApplication.class));
    }

    private static Condition customerApplications() {
        return EXTERNAL_APPLICATION.API_INTERFACE.eq("customer");
    }

    public Page<ExternalApplication> applications(ListParams params) {
        return lists.page(applications, params, customerApplications());
    }

    public ExternalApplication application(String id) {
        return lists.one(applications, customerApplications().and(EXTERNAL_APPLICATION.ID.eq(id)))
                .orElseThrow(() -> ApiError.notFound("customer-external-applications", id));
    }
}
