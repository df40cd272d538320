package org.pgaw.proxy.guard.gate;

import java.util.Map;
import org.pgaw.proxy.guard.SqlTokens;
import org.pgaw.proxy.guard.TokenType;

/**
 * Which session settings a learner may not change, and the SET / RESET / {@code set_config} forms that reach them.
 * Every other setting is the learner's own session's business (search_path, DateStyle, bytea_output, enable_*...).
 *
 * <ul>
 *   <li>statement_timeout, idle_in_transaction_session_timeout, idle_session_timeout, transaction_timeout:
 *       PostgreSQL's own side of the class's time limits ({@link GateCategory#GUARD_SETTINGS}, never allowed);</li>
 *   <li>default_transaction_read_only, transaction_read_only: the read-only default ({@link GateCategory#DML});</li>
 *   <li>role, session_authorization: who the session is ({@link GateCategory#ROLES});</li>
 *   <li>memory and parallel workers, shared by the class, and the planner's join search, which grows
 *       exponentially in memory and CPU without its limits ({@link GateCategory#RESOURCE_SETTINGS}).</li>
 * </ul>
 * lock_timeout stays the learner's: the statement timer bounds every wait, and learners take no write locks.
 * client_encoding is checked by the lexer's planning (the encodings it cannot read), not here.
 */
final class SettingRules {
    private static final Map<String, GateCategory> PROTECTED = Map.ofEntries(
            Map.entry("statement_timeout", GateCategory.GUARD_SETTINGS),
            Map.entry("idle_in_transaction_session_timeout", GateCategory.GUARD_SETTINGS),
            Map.entry("idle_session_timeout", GateCategory.GUARD_SETTINGS),
            Map.entry("transaction_timeout", GateCategory.GUARD_SETTINGS),
            Map.entry("default_transaction_read_only", GateCategory.DML),
            Map.entry("transaction_read_only", GateCategory.DML),
            Map.entry("role", GateCategory.ROLES),
            Map.entry("session_authorization", GateCategory.ROLES),
            Map.entry("work_mem", GateCategory.RESOURCE_SETTINGS),
            Map.entry("hash_mem_multiplier", GateCategory.RESOURCE_SETTINGS),
            Map.entry("maintenance_work_mem", GateCategory.RESOURCE_SETTINGS),
            Map.entry("logical_decoding_work_mem", GateCategory.RESOURCE_SETTINGS),
            Map.entry("temp_buffers", GateCategory.RESOURCE_SETTINGS),
            Map.entry("temp_file_limit", GateCategory.RESOURCE_SETTINGS),
            Map.entry("max_parallel_workers_per_gather", GateCategory.RESOURCE_SETTINGS),
            Map.entry("jit", GateCategory.RESOURCE_SETTINGS), // off for learners: a JIT compile costs more CPU than it saves
            Map.entry("max_parallel_maintenance_workers", GateCategory.RESOURCE_SETTINGS),
            // The planner's join search: exhaustive above the collapse limits and geqo_threshold, exponential in
            // memory and CPU (geqo off + collapse limits 100: an 18-way join planned into 1.8 GB in 20 s); GEQO's
            // pool and generations are allocated and run as asked.
            Map.entry("geqo", GateCategory.RESOURCE_SETTINGS),
            Map.entry("geqo_threshold", GateCategory.RESOURCE_SETTINGS),
            Map.entry("geqo_effort", GateCategory.RESOURCE_SETTINGS),
            Map.entry("geqo_pool_size", GateCategory.RESOURCE_SETTINGS),
            Map.entry("geqo_generations", GateCategory.RESOURCE_SETTINGS),
            Map.entry("join_collapse_limit", GateCategory.RESOURCE_SETTINGS),
            Map.entry("from_collapse_limit", GateCategory.RESOURCE_SETTINGS),
            // PostgreSQL's old names, which still set the new ones (guc.c map_old_guc_names): SET sort_mem = '1GB'
            // is SET work_mem = '1GB'.
            Map.entry("sort_mem", GateCategory.RESOURCE_SETTINGS),
            Map.entry("vacuum_mem", GateCategory.RESOURCE_SETTINGS));

    private SettingRules() { }

    /** Every protected setting name, lower case. */
    static java.util.Set<String> protectedNames() {
        return PROTECTED.keySet();
    }

    /** The category protecting setting {@code name} (any case), or null when the learner may change it. */
    static GateCategory categoryOf(String name) {
        return PROTECTED.get(Names.lowerAscii(name, 0, name.length()));
    }

    /** {@code SET [SESSION | LOCAL] ...} starting at token {@code from}. */
    static GateFinding set(SqlTokens t, int from, int to) {
        int i = from + 1;
        if (t.isWord(i, "SESSION")) {
            if (t.isWord(i + 1, "AUTHORIZATION")) {
                return new GateFinding(GateCategory.ROLES, "SET SESSION AUTHORIZATION");
            }
            if (t.isWord(i + 1, "CHARACTERISTICS")) {
                return readWrite(t, from, to);
            }
            i++;
        } else if (t.isWord(i, "LOCAL")) {
            i++;
        }
        if (t.isWord(i, "TRANSACTION")) {
            return readWrite(t, from, to);
        }
        if ((t.isWord(i, "TIME") && t.isWord(i + 1, "ZONE")) || t.isWord(i, "NAMES") || t.isWord(i, "SCHEMA")
                || t.isWord(i, "CONSTRAINTS") || (t.isWord(i, "XML") && t.isWord(i + 1, "OPTION"))) {
            return null;
        }
        return named(t, i, "SET ");
    }

    /**
     * {@code RESET name}: the guards' timeouts and the read-only default are refused as with SET (their session
     * value is whatever the session started with, so a RESET would only look like a way round); RESET of the rest,
     * RESET ALL and RESET ROLE only return to the login's own values.
     */
    static GateFinding reset(SqlTokens t, int from) {
        int i = from + 1;
        if (t.isWord(i, "ALL") || t.isWord(i, "ROLE") || t.isWord(i, "SESSION") || t.isWord(i, "TIME")
                || t.isWord(i, "TRANSACTION")) {
            return null;
        }
        GateFinding f = named(t, i, "RESET ");
        return f != null && (f.category() == GateCategory.GUARD_SETTINGS || f.category() == GateCategory.DML) ? f : null;
    }

    /** A (possibly dotted) setting name at {@code i}; undecodable names are refused. */
    private static GateFinding named(SqlTokens t, int i, String verb) {
        if (i >= t.size() || t.is(i, TokenType.SEMICOLON)) {
            return null;
        }
        if (!Names.isName(t, i)) {
            return null;
        }
        String name = Names.of(t, i);
        if (name == null) {
            return new GateFinding(GateCategory.GUARD_SETTINGS, verb + Names.quoted(t, i));
        }
        if (t.is(i + 1, TokenType.DOT)) {
            return null; // a custom "prefix.name" setting: never one of PostgreSQL's own
        }
        GateCategory c = categoryOf(name);
        return c == null ? null : new GateFinding(c, verb + Names.quoted(t, i));
    }

    /** {@code READ WRITE} anywhere in a BEGIN / START TRANSACTION / SET TRANSACTION statement. */
    static GateFinding readWrite(SqlTokens t, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (t.isWord(i, "READ") && t.isWord(i + 1, "WRITE")) {
                return new GateFinding(GateCategory.DML, "READ WRITE");
            }
        }
        return null;
    }

    /**
     * {@code set_config(name, value, is_local)} with the call's name at {@code i}: the name must be a plain string
     * constant ({@code 'bytea_output'}, as pgAdmin sends) that is not protected. A computed name, or one written
     * with escapes, is refused: the gate could not tell which setting it changes.
     */
    static GateFinding setConfig(SqlTokens t, int i) {
        int arg = i + 2;
        String what = "set_config()";
        if (!t.is(arg, TokenType.STRING) || !t.is(arg + 1, TokenType.COMMA)) {
            return new GateFinding(GateCategory.GUARD_SETTINGS, what + " with a computed setting name");
        }
        String sql = t.sql();
        int s = t.start(arg);
        int e = t.end(arg);
        if (sql.charAt(s) != '\'' || e - s < 2 || sql.charAt(e - 1) != '\'' || hasBackslash(sql, s, e)) {
            return new GateFinding(GateCategory.GUARD_SETTINGS, what + " with a setting name in escapes");
        }
        String name = sql.substring(s + 1, e - 1).replace("''", "'");
        GateCategory c = categoryOf(name);
        return c == null ? null : new GateFinding(c, "set_config('" + cut(name) + "')");
    }

    /** With standard_conforming_strings off a backslash escapes in '...': the name would not be what it looks like. */
    private static boolean hasBackslash(String sql, int from, int to) {
        for (int k = from; k < to; k++) {
            if (sql.charAt(k) == '\\') return true;
        }
        return false;
    }

    private static String cut(String s) {
        return s.length() <= Names.MAX_QUOTED ? s : s.substring(0, Names.MAX_QUOTED) + "...";
    }
}
