package org.pgaw.proxy.guard.gate;

import java.util.Map;
import org.pgaw.proxy.guard.SqlTokens;

/**
 * Functions a learner's statement may not call, by name in any schema: the principle is "a practice server needs
 * reading; deny what writes, signals others, or escapes". Functions that need a privilege learners do not have
 * (pg_read_file, pg_reload_conf, ...) are refused here too, so the learner reads one clear message; the database
 * refuses them independently. Allowed on purpose: pg_sleep (the statement timer ends it), pg_cancel_backend and
 * pg_terminate_backend (pgAdmin's Stop button; PostgreSQL lets a role signal only its own sessions),
 * current_setting, snapshot functions and {@code *_if_assigned} (reading; the two that assign an XID are refused).
 */
final class FunctionRules {
    private static final Map<String, GateCategory> EXACT = Map.ofEntries(
            Map.entry("loread", GateCategory.LARGE_OBJECTS),
            Map.entry("lowrite", GateCategory.LARGE_OBJECTS),
            Map.entry("pg_notify", GateCategory.LISTEN),
            Map.entry("nextval", GateCategory.DML),
            Map.entry("setval", GateCategory.DML),
            // Assign a transaction ID even in a read-only transaction, and its commit goes to the WAL: a learner
            // burned 10,000 XIDs a second towards the anti-wraparound vacuums (the _if_assigned forms only read).
            Map.entry("txid_current", GateCategory.DML),
            Map.entry("pg_current_xact_id", GateCategory.DML),
            Map.entry("query_to_xml", GateCategory.DYNAMIC_SQL),
            Map.entry("query_to_xmlschema", GateCategory.DYNAMIC_SQL),
            Map.entry("query_to_xml_and_xmlschema", GateCategory.DYNAMIC_SQL),
            Map.entry("ts_stat", GateCategory.DYNAMIC_SQL),
            Map.entry("ts_rewrite", GateCategory.DYNAMIC_SQL), // ts_rewrite(tsquery, 'SELECT ...') runs the SELECT
            Map.entry("pg_stat_file", GateCategory.SERVER),
            Map.entry("pg_reload_conf", GateCategory.SERVER),
            Map.entry("pg_rotate_logfile", GateCategory.SERVER),
            Map.entry("pg_switch_wal", GateCategory.SERVER),
            Map.entry("pg_promote", GateCategory.SERVER),
            Map.entry("pg_import_system_collations", GateCategory.SERVER),
            Map.entry("pg_log_backend_memory_contexts", GateCategory.SERVER),
            Map.entry("pg_start_backup", GateCategory.SERVER),
            Map.entry("pg_stop_backup", GateCategory.SERVER),
            Map.entry("pg_backup_start", GateCategory.SERVER),
            Map.entry("pg_backup_stop", GateCategory.SERVER),
            Map.entry("pg_drop_replication_slot", GateCategory.SERVER),
            // Writes a file into the server's pg_snapshots/ per call, kept until the transaction ends and counted by
            // no temp_file_limit: 200,000 files (791 MB) from one learner's SELECT in 7 s; inodes run out first.
            Map.entry("pg_export_snapshot", GateCategory.SERVER));

    /** Families by prefix, checked in order. */
    private static final String[] PREFIXES = {
        "lo_", "dblink", "pg_advisory_", "pg_try_advisory_", "pg_read_", "pg_ls_", "pg_file_", "pg_create_",
        "pg_replication_", "pg_logical_", "pg_stat_reset", "pg_wal_replay_"};
    private static final GateCategory[] PREFIX_CATEGORIES = {
        GateCategory.LARGE_OBJECTS, GateCategory.REMOTE, GateCategory.LOCK, GateCategory.LOCK, GateCategory.SERVER,
        GateCategory.SERVER, GateCategory.SERVER, GateCategory.SERVER, GateCategory.SERVER, GateCategory.SERVER,
        GateCategory.SERVER, GateCategory.SERVER};

    private FunctionRules() { }

    /** Token {@code i} is a name followed by {@code (}: the finding when that function is not for learners. */
    static GateFinding call(SqlTokens t, int i) {
        String name = Names.of(t, i);
        if (name == null) {
            return new GateFinding(GateCategory.UNKNOWN, Names.quoted(t, i) + "()");
        }
        if (name.equals("set_config")) {
            return SettingRules.setConfig(t, i);
        }
        GateCategory c = categoryOf(name);
        return c == null ? null : new GateFinding(c, Names.quoted(t, i) + "()");
    }

    /**
     * Token {@code i} is the {@code name} of {@code (expr).name}, which calls {@code name(expr)} when no field of that
     * name exists: the finding when that function is not for learners. set_config takes three arguments, so it cannot
     * be reached this way.
     */
    static GateFinding fieldCall(SqlTokens t, int i) {
        String name = Names.of(t, i);
        if (name == null) {
            return new GateFinding(GateCategory.UNKNOWN, "." + Names.quoted(t, i));
        }
        GateCategory c = categoryOf(name);
        return c == null ? null : new GateFinding(c, "(...)." + Names.quoted(t, i) + " (a call of " + name + "())");
    }

    static GateCategory categoryOf(String name) {
        GateCategory c = EXACT.get(name);
        if (c != null) return c;
        for (int k = 0; k < PREFIXES.length; k++) {
            if (name.startsWith(PREFIXES[k])) return PREFIX_CATEGORIES[k];
        }
        return null;
    }
}
