package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pgaw.proxy.attack.AttackProxy.BUDGET;
import static org.pgaw.proxy.attack.AttackProxy.BYTE_SLACK;
import static org.pgaw.proxy.attack.AttackProxy.MAX_ROWS;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The promises made to a teacher, as assertions over what a guarded session received on the wire. */
public final class Promises {
    private Promises() { }

    /** R and B for every result of a batch: at most MAX_ROWS rows of any kind, at most the budget in bytes. */
    public static void withinLimits(String what, List<Result> results) {
        for (Result r : results) withinLimits(what, r);
    }

    public static void withinLimits(String what, Result r) {
        assertThat(r.dataRows()).as("R: DataRows of one result, %s: %s", what, r).isLessThanOrEqualTo(MAX_ROWS);
        assertThat(r.copyRows()).as("R: CopyData rows of one result, %s: %s", what, r).isLessThanOrEqualTo(MAX_ROWS);
        assertThat(r.notices).as("R: server notices of one result (rows as notices), %s: %s", what, r)
                .isLessThanOrEqualTo(MAX_ROWS);
        assertThat(r.bytes()).as("B: bytes sent for one statement, %s: %s", what, r)
                .isLessThanOrEqualTo(BUDGET + BYTE_SLACK);
        tagCountsTheRowsSent(what, r);
    }

    /**
     * A CommandComplete of a SELECT or FETCH that delivered rows says how many were really sent (not for the last
     * Execute of a portal read in batches: PostgreSQL's tag then counts the whole portal).
     */
    static void tagCountsTheRowsSent(String what, Result r) {
        String tag = r.commandTag();
        if (tag == null || r.continued || r.dataRows() == 0 && r.guardNotices().isEmpty()) return;
        if (!tag.startsWith("SELECT ") && !tag.startsWith("FETCH ")) return;
        String count = tag.substring(tag.lastIndexOf(' ') + 1);
        assertThat(count).as("the CommandComplete tag counts the rows really sent, %s: %s", what, r)
                .isEqualTo(Integer.toString(r.dataRows()));
    }

    /**
     * The learner's experience of a capped result: within the limits, and the batch's biggest result holds exactly
     * MAX_ROWS rows, ends normally (CommandComplete), and a guard notice says so. No statement of the batch failed.
     */
    public static void cappedWithNotice(String what, List<Result> results) {
        withinLimits(what, results);
        assertThat(results).as("%s: no statement failed", what).noneMatch(Result::isError);
        Result biggest = results.stream().max((a, b) -> Integer.compare(Math.max(a.dataRows(), a.copyRows()),
                Math.max(b.dataRows(), b.copyRows()))).orElseThrow();
        assertThat(Math.max(biggest.dataRows(), biggest.copyRows())).as("R: rows of the capped result, %s: %s", what,
                results).isEqualTo(MAX_ROWS);
        assertThat(biggest.end()).as("%s ends with CommandComplete: %s", what, biggest).isEqualTo('C');
        assertThat(results.stream().mapToInt(r -> r.guardNotices().size()).sum())
                .as("R: a guard notice tells the learner the result was capped, %s: %s", what, results).isPositive();
    }

    /** A refused statement: an ERROR, and the session goes on. */
    public static void refused(String what, List<Result> results, Wire w) throws IOException {
        assertThat(results).as("W: %s is refused with an ERROR", what).anyMatch(Result::isError);
        alive(what, w);
    }

    /** The session still answers a simple statement normally (after a ROLLBACK if a transaction is left). */
    public static void alive(String what, Wire w) throws IOException {
        if (w.status() != 'I') w.simple("ROLLBACK");
        List<Result> r = w.simple("SELECT 'alive'");
        assertThat(r).as("the session goes on after %s", what).hasSize(1);
        assertThat(r.get(0).dataRows()).as("the session goes on after %s: %s", what, r).isEqualTo(1);
        assertThat(r.get(0).firstRow()).isEqualTo("alive");
    }

    /** T: a statement's reply came within the timer plus slack. */
    public static void withinTimer(String what, Result r) {
        assertThat(Duration.ofNanos(r.endNanos)).as("T: %s ended within the timer (+slack): %s", what, r)
                .isLessThanOrEqualTo(AttackProxy.TIMER.plus(AttackProxy.TIME_SLACK));
    }
}
