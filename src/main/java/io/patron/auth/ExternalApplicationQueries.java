package io.patron.auth;

import static io.patron.auth.AuthTables.*;

import java.time.Clock;
import java.time.OffsetDateTime;

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
    public record ExternalApplication(String externalApplicationId, String textId, String name, String lastChange,
                                      int state) {
    }

    private final ListQueries lists;
    private final ListSpec<ExternalApplication> applications;

    ExternalApplicationQueries(ListQueries lists, Clock clock) {
        this.lists = lists;
        this.applications = ListSpec.<ExternalApplication>from(APP)
                .id("external_application_id", APP_ID)
                .field("text_id", APP_ID)
                .field("name", APP_NAME)
                .field("last_change", APP_CREATED)
                .field("state", DSL.when(APP_ACTIVE.isTrue(), DSL.inline(1)).otherwise(DSL.inline(2)))
                .map(r -> {
                    OffsetDateTime changed = r.get("last_change", OffsetDateTime.class);
                    return new ExternalApplication(r.get("external_application_id", String.class),
                            r.get("text_id", String.class), r.get("name", String.class),
                            ApiTime.format(changed == null ? null : changed.toInstant(), clock),
                            r.get("state", Integer.class));
                });
    }

    private static Condition customerApplications() {
        return APP_INTERFACE.eq("customer");
    }

    public Page<ExternalApplication> applications(ListParams params) {
        Condition where = params.filters().in("text_id", APP_ID).condition();
        return lists.page(applications, params, customerApplications().and(where));
    }

    public ExternalApplication application(String id) {
        return lists.one(applications, customerApplications().and(APP_ID.eq(id)))
                .orElseThrow(() -> ApiError.notFound("customer-external-applications", id));
    }
}
