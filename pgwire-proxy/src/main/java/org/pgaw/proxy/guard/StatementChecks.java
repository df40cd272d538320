package org.pgaw.proxy.guard;

/**
 * The checks of one statement beside its limit plan: the {@link StatementGate}'s refusal, an unsafe
 * {@code client_encoding}, what the statement does to {@code standard_conforming_strings}, and for a FETCH or MOVE its
 * cursor command. Some read constants (an EXPLAIN option's value, {@code set_config}'s setting name, a FETCH count),
 * so {@link #watched} tells whether they did: only checks that read none may be reused for another text of the same
 * shape ({@link QueryShapes}).
 *
 * @param cursorCommandRead whether {@link CursorCommand#parse} ran (it runs for statements that are not queries)
 */
record StatementChecks(Refusal refusal, ScsEffect scsEffect, CursorCommand cursorCommand, boolean cursorCommandRead) {

    /** What most statements get: nothing refused, no setting changed, no cursor command read. */
    static final StatementChecks NONE = new StatementChecks(null, ScsEffect.UNCHANGED, null, false);

    /** The checks of tokens {@code [a, b)} of {@code t}. */
    static StatementChecks run(SqlTokens t, int a, int b, StatementGate gate, boolean readCursorCommand) {
        Refusal refusal = gate.check(t, a, b);
        boolean quiet = SettingChanges.quiet(t, a, b);
        if (refusal == null && !quiet) {
            refusal = SettingChanges.clientEncoding(t, a, b);
        }
        CursorCommand fetch = readCursorCommand ? CursorCommand.parse(t, a, b) : null;
        return new StatementChecks(refusal, quiet ? ScsEffect.UNCHANGED : SettingChanges.standardConformingStrings(t, a, b),
                fetch, readCursorCommand);
    }

    /** The checks, and whether they read any constant's characters (then they hold for this text only). */
    record Watched(StatementChecks checks, boolean readConstants) { }

    static Watched watched(SqlTokens t, int a, int b, StatementGate gate, boolean readCursorCommand) {
        t.watchConstants();
        StatementChecks checks;
        try {
            checks = run(t, a, b, gate, readCursorCommand);
        } catch (RuntimeException | Error e) {
            t.stopWatching();
            throw e;
        }
        return new Watched(checks, t.stopWatching());
    }
}
