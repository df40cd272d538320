package org.pgaw.proxy.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last guard actions (a ring of fixed size: memory is bounded whatever the class does) and the lesson's counts
 * per learner. Written from the proxy's event loops only when something happens (a guard acts, a session ends), read
 * by the teacher's console: a short lock, never held while anything else runs. Nothing here runs per statement.
 */
public final class GuardEvents {
    /** Learners counted at most; past it, new names are counted under {@link #OTHERS}. */
    static final int MAX_LEARNERS = 10_000;
    static final String OTHERS = "(others)";

    private final GuardEvent[] ring;
    private long written;
    private final Map<String, LearnerCounts> learners = new HashMap<>();

    public GuardEvents(int capacity) {
        ring = new GuardEvent[Math.max(1, capacity)];
    }

    /** A guard (or the teacher) acted on a learner's session. */
    public synchronized void add(GuardEvent e) {
        ring[(int) (written % ring.length)] = e;
        written++;
        counts(e.user()).guardActions++;
    }

    /** A learner's session ended: its statements and errors join the lesson's counts. */
    public synchronized void sessionEnded(String user, long statements, long errors) {
        LearnerCounts c = counts(user);
        c.statements += statements;
        c.errors += errors;
    }

    /** Events written since the proxy started (also those the ring forgot). */
    public synchronized long total() {
        return written;
    }

    /** The remembered events with a sequence number of {@code after} or later, oldest first (at most the ring). */
    public synchronized List<Numbered> since(long after) {
        long from = Math.max(after, written - ring.length);
        List<Numbered> out = new ArrayList<>((int) Math.max(0, written - from));
        for (long n = Math.max(0, from); n < written; n++) out.add(new Numbered(n, ring[(int) (n % ring.length)]));
        return out;
    }

    /** The lesson's counts of ended sessions per learner (the console adds the live sessions' own). */
    public synchronized Map<String, LearnerCounts> endedCounts() {
        Map<String, LearnerCounts> copy = new HashMap<>();
        learners.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    public int capacity() {
        return ring.length;
    }

    private LearnerCounts counts(String user) {
        String key = user == null ? "" : user;
        LearnerCounts c = learners.get(key);
        if (c != null) return c;
        if (learners.size() >= MAX_LEARNERS) key = OTHERS;
        return learners.computeIfAbsent(key, k -> new LearnerCounts());
    }

    /** An event with its sequence number (the console asks for what came after the last one it showed). */
    public record Numbered(long seq, GuardEvent event) { }

    /** Statements, errors and guard actions of one learner in the lesson so far. */
    public static final class LearnerCounts {
        public long statements;
        public long errors;
        public long guardActions;

        LearnerCounts copy() {
            LearnerCounts c = new LearnerCounts();
            c.statements = statements;
            c.errors = errors;
            c.guardActions = guardActions;
            return c;
        }
    }
}
