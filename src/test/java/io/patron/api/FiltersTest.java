package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The shared filter machinery, without a server: AND of filters, OR within arrays, strict mode. */
class FiltersTest {

    private static final Field<String> NAME = DSL.field(DSL.name("t", "name"), String.class);
    private static final Field<String> STATE = DSL.field(DSL.name("t", "state"), String.class);
    private static final Field<Boolean> ACTIVE = DSL.field(DSL.name("t", "active"), Boolean.class);

    private static Filters filters(String... params) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.addParameter(params[i], params[i + 1]);
        }
        return new Filters(new QueryParams(request));
    }

    @Test
    void filtersCombineWithAndAndArraysWithOr() {
        Condition condition = filters("name", "Eva", "state[]", "a", "state[]", "b")
                .eq("name", NAME).in("state", STATE).condition();
        String sql = DSL.using(org.jooq.SQLDialect.POSTGRES).renderInlined(condition);
        assertThat(sql.replaceAll("\\s+", " ")).contains("\"t\".\"name\" = 'Eva'").contains(" and ")
                .contains("\"t\".\"state\" in ('a', 'b')");
    }

    @Test
    void absentFiltersAddNothing() {
        assertThat(filters().eq("name", NAME).in("state", STATE).condition()).isEqualTo(DSL.noCondition());
    }

    @Test
    void strictModeRequiresEveryDeclaredFilter() {
        assertThatThrownBy(() -> filters("mode", "strict", "name", "Eva").eq("name", NAME).in("state", STATE)
                .strictMode().condition())
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.errorData().toString())
                        .contains("name=state").contains("reason=required").doesNotContain("name=name,"));
        // All given: fine.
        filters("mode", "strict", "name", "Eva", "state[]", "a").eq("name", NAME).in("state", STATE)
                .strictMode().condition();
        // Without mode=strict the same filters are optional.
        filters("name", "Eva").eq("name", NAME).in("state", STATE).strictMode().condition();
    }

    @Test
    void unknownModeIsRefusedWhereStrictModeExists() {
        assertThatThrownBy(() -> filters("mode", "lenient").eq("name", NAME).strictMode().condition())
                .isInstanceOf(ApiError.class).hasMessageContaining("mode");
    }

    @Test
    void badBooleansAreCollectedWithOtherErrors() {
        assertThatThrownBy(() -> filters("active", "perhaps").bool("active", ACTIVE).condition())
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.errorData().toString())
                        .contains("active").contains("invalid_value_format"));
    }
}
