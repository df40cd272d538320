package org.pgaw.proxy.guard.gate;

import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * What a statement is, from its leading keyword: PostgreSQL's grammar starts every statement with one of a fixed set
 * of keywords. Every such keyword is decided here (allowed, or refused with its category). A statement that starts
 * with anything else ({@code SELEC * FROM t}, a number, a quoted name) is not one PostgreSQL can run: it answers with
 * its own syntax error while parsing, before anything of the Query runs, so it is passed on and the learner reads
 * PostgreSQL's exact message and position. EXPLAIN, PREPARE and DECLARE are unwrapped by
 * {@link StatementClassifier} before this is asked.
 */
final class StatementKinds {
    private StatementKinds() { }

    /** The finding for the statement whose first keyword is token {@code i}, or null when its kind is allowed. */
    static GateFinding head(SqlTokens t, int i, int to, Parens parens) {
        if (!t.is(i, TokenType.WORD) || t.end(i) - t.start(i) > 16) {
            return null; // no statement keyword: PostgreSQL's syntax error (nothing runs)
        }
        String w = Names.keyword(t, i);
        return switch (w) {
            case "SELECT", "VALUES", "TABLE", "SHOW", "FETCH", "MOVE", "CLOSE", "DEALLOCATE", "DISCARD", "EXECUTE",
                 "SAVEPOINT", "RELEASE", "ABORT", "END" -> null;
            case "WITH" -> withStatement(t, i, to, parens);
            case "BEGIN", "START" -> SettingRules.readWrite(t, i, to);
            case "COMMIT", "ROLLBACK" -> t.isWord(i + 1, "PREPARED")
                    ? new GateFinding(GateCategory.SERVER, w + " PREPARED") : null;
            case "SET" -> SettingRules.set(t, i, to);
            case "RESET" -> SettingRules.reset(t, i);
            case "COPY" -> CopyHead.check(t, i, to, parens);
            case "INSERT", "UPDATE", "DELETE", "MERGE" -> write(t, i, parens);
            case "TRUNCATE" -> new GateFinding(GateCategory.DML, w);
            case "CREATE" -> create(t, i);
            case "ALTER" -> alter(t, i);
            case "DROP" -> drop(t, i);
            case "COMMENT", "SECURITY", "IMPORT" -> new GateFinding(GateCategory.DDL, w);
            case "GRANT", "REVOKE", "REASSIGN" -> new GateFinding(GateCategory.ROLES, w);
            case "DO" -> new GateFinding(GateCategory.DO, w);
            case "CALL" -> new GateFinding(GateCategory.CALL, w);
            case "LISTEN", "UNLISTEN", "NOTIFY" -> new GateFinding(GateCategory.LISTEN, w);
            case "LOAD" -> new GateFinding(GateCategory.SERVER, w);
            case "LOCK" -> new GateFinding(GateCategory.LOCK, w);
            case "VACUUM", "ANALYZE", "ANALYSE", "CLUSTER", "REINDEX", "CHECKPOINT", "REFRESH" ->
                    new GateFinding(GateCategory.MAINTENANCE, w);
            default -> null; // not a statement keyword: PostgreSQL's syntax error (nothing runs)
        };
    }

    /**
     * A WITH query is allowed when the statement after its list is a query; the nested rules check the list's bodies.
     * A list the rules cannot read (PostgreSQL will answer with a syntax error) is refused if any top-level word
     * could start a data-modifying statement.
     */
    private static GateFinding withStatement(SqlTokens t, int w, int to, Parens parens) {
        NestedRules rules = new NestedRules(t, parens, java.util.Set.of());
        if (rules.mainAfterWith(w, to) >= 0) {
            return null; // the main statement is judged by NestedRules' WITH rule
        }
        int depth = 0;
        for (int i = w + 1; i < to; i++) {
            if (t.is(i, TokenType.LPAREN)) depth++;
            else if (t.is(i, TokenType.RPAREN)) depth--;
            else if (depth == 0 && !t.is(i - 1, TokenType.DOT) && (t.isWord(i, "INSERT") || t.isWord(i, "UPDATE")
                    || t.isWord(i, "DELETE") || t.isWord(i, "MERGE"))) {
                return new GateFinding(GateCategory.DML, Names.keyword(t, i));
            }
        }
        return null;
    }

    /** A write is DML, but an UPDATE of pg_settings changes settings, which DML being allowed does not cover. */
    private static GateFinding write(SqlTokens t, int i, Parens parens) {
        GateFinding f = new NestedRules(t, parens, java.util.Set.of()).writeAt(i);
        return f != null && f.category() == GateCategory.GUARD_SETTINGS ? f
                : new GateFinding(GateCategory.DML, Names.keyword(t, i));
    }

    private static GateFinding create(SqlTokens t, int i) {
        int j = i + 1;
        if (t.isWord(j, "OR") && t.isWord(j + 1, "REPLACE")) j += 2;
        if (t.isWord(j, "ROLE") || t.isWord(j, "USER") || t.isWord(j, "GROUP")) {
            return new GateFinding(GateCategory.ROLES, "CREATE " + Names.keyword(t, j));
        }
        if (!t.is(j, TokenType.WORD)) {
            return new GateFinding(GateCategory.DDL, "CREATE");
        }
        String what = "CREATE " + Names.keyword(t, j);
        if (ADJECTIVES.contains(what.substring(7)) && t.is(j + 1, TokenType.WORD)) {
            what += " " + Names.keyword(t, j + 1);
        }
        return new GateFinding(GateCategory.DDL, what);
    }

    /** Words between CREATE and what is created, so that the learner reads "CREATE TEMP TABLE", not "CREATE TEMP". */
    private static final java.util.Set<String> ADJECTIVES = java.util.Set.of("TEMP", "TEMPORARY", "UNLOGGED",
            "MATERIALIZED", "UNIQUE", "GLOBAL", "LOCAL", "RECURSIVE", "TRUSTED", "PROCEDURAL", "DEFAULT", "CONSTRAINT");

    private static GateFinding alter(SqlTokens t, int i) {
        int j = i + 1;
        if (t.isWord(j, "ROLE") || t.isWord(j, "USER") || t.isWord(j, "GROUP")
                || t.isWord(j, "DEFAULT") && t.isWord(j + 1, "PRIVILEGES")) {
            return new GateFinding(GateCategory.ROLES, twoWords(t, i));
        }
        if (t.isWord(j, "SYSTEM")) {
            return new GateFinding(GateCategory.SERVER, "ALTER SYSTEM");
        }
        return new GateFinding(GateCategory.DDL, twoWords(t, i));
    }

    private static GateFinding drop(SqlTokens t, int i) {
        int j = i + 1;
        if (t.isWord(j, "ROLE") || t.isWord(j, "USER") || t.isWord(j, "GROUP") || t.isWord(j, "OWNED")) {
            return new GateFinding(GateCategory.ROLES, twoWords(t, i));
        }
        return new GateFinding(GateCategory.DDL, twoWords(t, i));
    }

    private static String twoWords(SqlTokens t, int i) {
        return t.is(i + 1, TokenType.WORD) ? Names.keyword(t, i) + " " + Names.keyword(t, i + 1) : Names.keyword(t, i);
    }
}
