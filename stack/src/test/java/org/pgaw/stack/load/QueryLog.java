package org.pgaw.stack.load;

import java.util.ArrayList;
import java.util.List;

/** Every query and login of the run, as the learners saw them; thread-safe. */
final class QueryLog {
    /** Who ran it: well-behaved or misbehaving, through pgAdmin or psql. */
    enum Who { PGADMIN, PSQL, MISBEHAVING_PGADMIN, MISBEHAVING_PSQL;
        boolean wellBehaved() {
            return this == PGADMIN || this == PSQL;
        }
    }

    /** One query: the phase it started in, when (seconds into the run), how long the learner waited, what went wrong. */
    record Query(Who who, String learner, int phase, double startedAt, double millis, String error) {
        boolean ok() {
            return error == null;
        }
    }

    record LoginFailure(String learner, double at, String error) { }

    private final List<Query> queries = new ArrayList<>();
    private final List<LoginFailure> loginFailures = new ArrayList<>();

    synchronized void query(Who who, String learner, int phase, double startedAt, double millis, String error) {
        if (phase < 0 || phase >= Phases.OVER) return; // before the first phase or after the run: not measured
        queries.add(new Query(who, learner, phase, startedAt, millis, error == null ? null : oneLine(error)));
    }

    synchronized void loginFailure(String learner, double at, String error) {
        loginFailures.add(new LoginFailure(learner, at, oneLine(error)));
    }

    synchronized List<Query> queries() {
        return List.copyOf(queries);
    }

    synchronized List<LoginFailure> loginFailures() {
        return List.copyOf(loginFailures);
    }

    static String oneLine(String s) {
        String t = s == null ? "(no message)" : s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
