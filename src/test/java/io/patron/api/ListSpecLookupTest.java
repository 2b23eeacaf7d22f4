package io.patron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The rendered look-ups a spec keeps: one per key and constant condition, and never more than its bound. */
class ListSpecLookupTest {

    private static final Field<String> KEY = DSL.field(DSL.name("id"), String.class);
    private static final Field<Integer> STATE = DSL.field(DSL.name("state"), Integer.class);

    private final ListSpec<Object> spec = ListSpec.from(DSL.table(DSL.name("thing")));
    private final AtomicInteger renders = new AtomicInteger();

    private ListSpec.Lookup render() {
        renders.incrementAndGet();
        return new ListSpec.Lookup(List.of("select 1 where ", ""), List.of(), 0);
    }

    @Test
    void aConstantConditionIsRenderedOnce() {
        var fixed = STATE.eq(1);
        ListSpec.Lookup first = spec.lookup(KEY, fixed, this::render);
        assertThat(spec.lookup(KEY, fixed, this::render)).isSameAs(first);
        assertThat(renders).hasValue(1);
        // an equal but new condition is another key (by identity)
        spec.lookup(KEY, STATE.eq(1), this::render);
        assertThat(renders).hasValue(2);
    }

    @Test
    void aCallerPassingNewConditionsEveryTimeFillsNoMoreThanTheBound() {
        for (int i = 0; i < ListSpec.MAX_LOOKUPS * 3; i++) {
            spec.lookup(KEY, DSL.noCondition().and(STATE.eq(i)), this::render);
        }
        assertThat(renders).hasValue(ListSpec.MAX_LOOKUPS * 3);
        var kept = spec.lookup(KEY, DSL.trueCondition(), this::render);
        // past the bound nothing more is kept: the same condition renders again
        assertThat(spec.lookup(KEY, DSL.trueCondition(), this::render)).isNotSameAs(kept);
    }
}
