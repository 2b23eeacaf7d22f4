package io.patron.reference;

import static io.patron.db.Tables.LANGUAGE;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.patron.api.ApiTime;
import io.patron.api.Filters;
import io.patron.api.InvalidParam;
import io.patron.api.ListParams;
import io.patron.api.ListQueries;
import io.patron.api.ListSpec;
import io.patron.api.Page;
import io.patron.api.Reason;
import io.patron.config.PatronProperties;

/**
 * The project's active languages, per list: the API's languages, the web portal's, and those used
 * to write to customers. Languages the project no longer uses stay in the table as non-active
 * (state 2) and are not listed.
 */
@Service
@Transactional(readOnly = true)
public class LanguageQueries {

    public record ProjectLanguage(String languageId, Integer state, LocalDateTime lastChange) {
    }

    /** The values of {@code language_list_type} and the flag column behind each. */
    enum ListType {
        CARECLOUD_API("carecloud-api", LANGUAGE.CARECLOUD_API),
        WEB_PORTAL("web-portal", LANGUAGE.WEB_PORTAL),
        CUSTOMER_COMMUNICATION("customer-communication", LANGUAGE.CUSTOMER_COMMUNICATION);

        final String value;
        final Field<Boolean> column;

        ListType(String value, Field<Boolean> column) {
            this.value = value;
            this.column = column;
        }
    }

    private final ListQueries lists;
    private final ListSpec<ProjectLanguage> spec;
    private final String defaultLanguage;
    private final ReferenceCache cache;

    LanguageQueries(ListQueries lists, PatronProperties properties, Clock clock, ReferenceCache cache) {
        this.lists = lists;
        this.cache = cache;
        this.defaultLanguage = properties.defaultLanguage().toLowerCase(Locale.ROOT);
        this.spec = ListSpec.<ProjectLanguage>from(LANGUAGE)
                .id("language_id", LANGUAGE.ID)
                .field("state", LANGUAGE.STATE)
                .field("last_change", ApiTime.local(LANGUAGE.LAST_CHANGE, clock))
                // the default language first, as clients offering a choice usually preselect it
                .defaultOrder(DSL.when(LANGUAGE.ID.eq(defaultLanguage), 0).otherwise(1))
                .filters(this::listFilters)
                .map(r -> r.into(ProjectLanguage.class));
    }

    /**
     * One language list ({@code language_list_type}, default {@code carecloud-api}), or with
     * {@code default_language=true} only the project's default language.
     */
    public Page<ProjectLanguage> languages(ListParams params) {
        return cache.get(ReferenceCache.listKey("languages", params, null),
                () -> lists.page(spec, params, LANGUAGE.STATE.eq(1)));
    }

    private void listFilters(Filters filters) {
        var query = filters.query();

        String type = query.string("language_list_type");
        ListType list = type == null ? ListType.CARECLOUD_API
                : Arrays.stream(ListType.values()).filter(t -> t.value.equals(type)).findFirst().orElse(null);
        if (list == null) {
            filters.error(InvalidParam.of("language_list_type", Reason.NOT_ALLOWED_VALUE, type,
                    "language_list_type must be one of carecloud-api, web-portal, customer-communication"));
        } else {
            filters.where(list.column.isTrue());
        }

        List<InvalidParam> errors = new ArrayList<>();
        Boolean onlyDefault = query.bool("default_language", errors);
        errors.forEach(filters::error);
        if (Boolean.TRUE.equals(onlyDefault)) {
            filters.where(LANGUAGE.ID.eq(defaultLanguage));
        }
    }
}
