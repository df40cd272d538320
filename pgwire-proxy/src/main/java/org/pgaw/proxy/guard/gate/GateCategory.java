package org.pgaw.proxy.guard.gate;

import java.util.Locale;

/**
 * What kind of thing a refused statement does. Learners may read (queries, EXPLAIN, session settings, transactions,
 * cursors, PREPARE/EXECUTE, COPY TO STDOUT); every category below is refused by default. A teacher can allow the
 * widenable ones per policy ({@code guard.allow}); the others carry the guards themselves or mean "not understood".
 *
 * <p>The {@link #reason} completes the learner's sentence "pgaw: X is not allowed on the class server: ...".
 */
public enum GateCategory {
    DML(true, "it only lets you read data, not change it"),
    DDL(true, "it only lets you read data, not create, change or drop tables and other objects"),
    ROLES(true, "roles, passwords and privileges are managed by your teacher"),
    DO(true, "a DO block runs code the class server cannot check before it runs"),
    CALL(true, "procedures may change data, and the class server only lets you read"),
    LISTEN(true, "sessions on the class server do not send each other messages"),
    LARGE_OBJECTS(true, "large objects are stored data, and the class server only lets you read"),
    LOCK(true, "explicit locks would make other learners wait"),
    MAINTENANCE(true, "maintenance of the database is your teacher's job"),
    SERVER(true, "learners do not use the server's files, programs, configuration or two-phase transactions"),
    REMOTE(true, "the class server does not connect to other databases"),
    DYNAMIC_SQL(true, "it runs SQL given as a string, which the class server cannot check before it runs"),
    RESOURCE_SETTINGS(true, "the server's memory and workers are shared by the whole class"),
    HOLD_CURSORS(true, "a cursor WITH HOLD keeps its rows on the server after the transaction ends, for as long as"
            + " the session lasts, and the server's disk is shared by the whole class; declare the cursor inside"
            + " BEGIN ... COMMIT instead"),
    FUNCTION_CALL(true, "the protocol's FunctionCall message is not used here; call the function in a SELECT instead"),
    /** The server-side timers behind the guards: never widenable, a policy's limits are the teacher's knob. */
    GUARD_SETTINGS(false, "this setting carries the class's time limits, which your teacher sets"),
    /** Not a statement the gate recognises: refused, fail closed (PostgreSQL would mostly say "syntax error"). */
    UNKNOWN(false, "it does not start like any statement the class server runs");

    private final boolean widenable;
    private final String reason;

    GateCategory(boolean widenable, String reason) {
        this.widenable = widenable;
        this.reason = reason;
    }

    /** May a teacher's policy allow it? */
    public boolean widenable() {
        return widenable;
    }

    /** Why it is refused, for the learner. */
    public String reason() {
        return reason;
    }

    /** The name used in the configuration ({@code guard.allow: [ddl, dml]}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category a configuration name stands for, or null. */
    public static GateCategory byConfigName(String name) {
        for (GateCategory c : values()) {
            if (c.configName().equals(name.trim().toLowerCase(Locale.ROOT))) return c;
        }
        return null;
    }
}
