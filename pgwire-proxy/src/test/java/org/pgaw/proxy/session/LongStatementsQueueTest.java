package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class's places for long statements, without sessions: who gets a place, who waits, and in which order. */
class LongStatementsQueueTest {
    private final RunningStatements learners = new RunningStatements(2);
    private final List<String> granted = new ArrayList<>();

    private RunningStatements.Waiter waiter(String name) {
        return new RunningStatements.Waiter() {
            @Override
            public void granted() { granted.add(name); }

            @Override
            public int backendPid() { return name.hashCode(); }

            @Override
            public void cancel() { granted.add("cancelled " + name); }
        };
    }

    @Test
    void aStatementCrossingTheThresholdTakesAFreePlaceOrMustBeStopped() {
        LongStatements longs = new LongStatements(1, Duration.ofSeconds(2));
        RunningStatements.User a = learners.join("a");
        RunningStatements.User b = learners.join("b");
        assertThat(longs.takeWhileRunning(a)).isTrue();
        assertThat(longs.takeWhileRunning(b)).as("the only place is held").isFalse();
        assertThat(longs.taken()).isEqualTo(1);
        longs.release(a);
        assertThat(longs.taken()).isZero();
        assertThat(longs.takeWhileRunning(b)).isTrue();
    }

    @Test
    void waitersGetFreedPlacesInOrderAndLearnersWithoutAPlaceGoFirst() {
        LongStatements longs = new LongStatements(1, Duration.ofSeconds(2));
        RunningStatements.User a = learners.join("a");
        RunningStatements.User b = learners.join("b");
        RunningStatements.User c = learners.join("c");
        assertThat(longs.takeWhileRunning(a)).isTrue();
        assertThat(longs.takeOrWait(a, waiter("a2"))).as("a's second statement waits").isFalse();
        assertThat(longs.takeOrWait(b, waiter("b1"))).isFalse();
        assertThat(longs.takeOrWait(c, waiter("c1"))).isFalse();
        assertThat(longs.waiting()).isEqualTo(3);

        longs.release(a); // a holds none now: a2 came first
        assertThat(granted).containsExactly("a2");
        longs.release(a);
        longs.release(b);
        assertThat(granted).containsExactly("a2", "b1", "c1");
        longs.release(c);
        assertThat(longs.taken()).isZero();
        assertThat(longs.waiting()).isZero();
    }

    @Test
    void aLearnerHoldingAPlaceWaitsBehindOneWhoHoldsNone() {
        LongStatements longs = new LongStatements(2, Duration.ofSeconds(2));
        RunningStatements.User a = learners.join("a");
        RunningStatements.User b = learners.join("b");
        RunningStatements.User c = learners.join("c");
        assertThat(longs.takeWhileRunning(a)).isTrue();
        assertThat(longs.takeWhileRunning(b)).isTrue();
        assertThat(longs.takeOrWait(a, waiter("a2"))).isFalse();
        assertThat(longs.takeOrWait(c, waiter("c1"))).isFalse();
        longs.release(b); // c holds no place: it goes before a's second statement, which came first
        assertThat(granted).containsExactly("c1");
        longs.release(c);
        assertThat(granted).containsExactly("c1", "a2");
        assertThat(longs.taken()).as("a holds both places now").isEqualTo(2);
        longs.release(a);
        assertThat(longs.takeOrWait(b, waiter("b2"))).as("one place is free, nobody waits").isTrue();
    }

    @Test
    void aWithdrawnWaiterIsGoneAndALateOneMustGiveItsPlaceBack() {
        LongStatements longs = new LongStatements(1, Duration.ofSeconds(2));
        RunningStatements.User a = learners.join("a");
        RunningStatements.User b = learners.join("b");
        RunningStatements.Waiter b1 = waiter("b1");
        RunningStatements.Waiter b2 = waiter("b2");
        assertThat(longs.takeWhileRunning(a)).isTrue();
        assertThat(longs.takeOrWait(b, b1)).isFalse();
        assertThat(longs.withdraw(b1)).isTrue();
        assertThat(longs.takeOrWait(b, b2)).isFalse();
        longs.release(a);
        assertThat(granted).containsExactly("b2");
        assertThat(longs.withdraw(b2)).as("handed over already: the caller holds the place").isFalse();
        longs.release(b);
        assertThat(longs.taken()).isZero();
    }

    @Test
    void aLearnerIsHeavyOnceAStatementWasStoppedAndKeepsTheEntryAfterLeaving() {
        RunningStatements.User a = learners.join("a");
        assertThat(a.heavy()).isFalse();
        a.markHeavy();
        assertThat(a.heavy()).isTrue();
        learners.leave(a);
        assertThat(learners.users()).as("no open session").isZero();
        assertThat(learners.join("a")).as("reconnecting does not shed it").isSameAs(a);
        assertThat(a.heavy()).isTrue();
    }
}
