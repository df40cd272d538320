package org.pgaw.proxy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console's event history is a ring: bounded whatever the class does, the newest kept, sequence numbers go on. */
class GuardEventsTest {
    private static GuardEvent event(String user, int i) {
        return new GuardEvent(i, user, "psql", "row_limit", "abc", "SELECT " + i, "showing the first 100 rows");
    }

    @Test
    void keepsTheLastNEventsAndCountsAllPerLearner() {
        GuardEvents events = new GuardEvents(3);
        for (int i = 0; i < 10; i++) events.add(event(i % 2 == 0 ? "ann" : "bob", i));
        assertThat(events.total()).isEqualTo(10);
        assertThat(events.since(0)).extracting(GuardEvents.Numbered::seq).containsExactly(7L, 8L, 9L);
        assertThat(events.since(9)).extracting(n -> n.event().statement()).containsExactly("SELECT 9");
        assertThat(events.since(10)).isEmpty();
        assertThat(events.since(Long.MAX_VALUE)).isEmpty();
        assertThat(events.endedCounts().get("ann").guardActions).isEqualTo(5);
        events.sessionEnded("ann", 40, 2);
        assertThat(events.endedCounts().get("ann").statements).isEqualTo(40);
    }

    @Test
    void theCountsPerLearnerAreBoundedToo() {
        GuardEvents events = new GuardEvents(1);
        for (int i = 0; i < GuardEvents.MAX_LEARNERS + 50; i++) events.sessionEnded("learner" + i, 1, 0);
        assertThat(events.endedCounts()).hasSize(GuardEvents.MAX_LEARNERS + 1);
        assertThat(events.endedCounts().get(GuardEvents.OTHERS).statements).isEqualTo(50);
    }
}
