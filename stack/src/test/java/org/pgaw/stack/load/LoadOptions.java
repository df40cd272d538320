package org.pgaw.stack.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The shape of one harness run: how many learners of each kind, the misbehaving share, how long each phase lasts,
 * how long a learner thinks between queries, where the report goes.
 *
 * @param pgAdminLearners learners in a browser, through nginx and pgAdmin (misbehaving ones included)
 * @param psqlLearners    learners with psql straight at the proxy (misbehaving ones included)
 * @param misbehavingShare fraction of each kind that misbehaves in the second phase (rounded, at least one when > 0)
 * @param phase           length of each of the two phases
 * @param thinkMin        shortest pause between a well-behaved learner's queries
 * @param thinkMax        longest pause
 * @param statementTimeout the proxy's guard.limits.statement_timeout (its default, 30 s, unless a short run needs
 *                        the misbehaving statements to end within a phase)
 * @param out             folder of report.json, report.md and report.png
 */
public record LoadOptions(int pgAdminLearners, int psqlLearners, double misbehavingShare, Duration phase,
                          Duration thinkMin, Duration thinkMax, Duration statementTimeout, Path out) {
    public LoadOptions {
        if (pgAdminLearners < 1 || psqlLearners < 0) throw new IllegalArgumentException("need at least one pgAdmin learner");
        if (misbehavingShare < 0 || misbehavingShare > 0.5) {
            throw new IllegalArgumentException("misbehaving share must be between 0 and 0.5, not " + misbehavingShare);
        }
        if (thinkMax.compareTo(thinkMin) < 0) throw new IllegalArgumentException("think max below think min");
    }

    public int misbehavingPgAdmin() {
        return misbehaving(pgAdminLearners);
    }

    public int misbehavingPsql() {
        return misbehaving(psqlLearners);
    }

    private int misbehaving(int of) {
        if (misbehavingShare == 0 || of == 0) return 0;
        return Math.max(1, (int) Math.round(of * misbehavingShare));
    }

    /** From system properties pgaw.load.* (stack/load/run.sh sets them from its flags). */
    public static LoadOptions fromSystemProperties() {
        return new LoadOptions(
                Integer.getInteger("pgaw.load.learners", 60),
                Integer.getInteger("pgaw.load.psql", 20),
                share(System.getProperty("pgaw.load.misbehaving", "10%")),
                Duration.ofSeconds(Math.round(Double.parseDouble(System.getProperty("pgaw.load.minutes", "10")) * 60)),
                Duration.ofMillis(Long.getLong("pgaw.load.think_min_ms", 3000)),
                Duration.ofMillis(Long.getLong("pgaw.load.think_max_ms", 10000)),
                Duration.ofSeconds(Long.getLong("pgaw.load.statement_timeout_s", 30)),
                Path.of(System.getProperty("pgaw.load.out", "target/class-load")).toAbsolutePath());
    }

    /** "10%" or "0.1". */
    static double share(String text) {
        String t = text.strip();
        return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
    }
}
