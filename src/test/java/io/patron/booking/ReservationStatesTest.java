package io.patron.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The product reservation state machine, over any sequence of requested states. */
class ReservationStatesTest {

    private static final Set<Integer> STATES = Set.of(0, 1, 2, 4, 5, 6, 7, 8);

    @Property
    void finalStatesStayAndEveryStateIsAContractState(
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 9) Integer> requested) {
        int state = 1;
        boolean ended = false;
        for (int next : requested) {
            boolean allowed = STATES.contains(next) && ReservationService.allowed(state, next);
            if (ended) {
                assertThat(allowed).as("nothing leaves Delivered or Canceled").isFalse();
            }
            if (allowed) {
                assertThat(next).isNotEqualTo(state);
                state = next;
            }
            assertThat(STATES).contains(state);
            ended = state == 0 || state == 4;
        }
    }

    @Property
    void everyStateButTheFinalOnesCanStillBeCanceled(@ForAll("contractStates") int state) {
        assertThat(ReservationService.allowed(state, 0)).isEqualTo(state != 0 && state != 4);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> contractStates() {
        return net.jqwik.api.Arbitraries.of(STATES);
    }
}
