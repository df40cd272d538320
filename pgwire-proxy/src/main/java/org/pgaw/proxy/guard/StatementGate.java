package org.pgaw.proxy.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgaw.proxy.guard.gate.GateCategory;
import org.pgaw.proxy.guard.gate.GateFinding;
import org.pgaw.proxy.guard.gate.StatementClassifier;

/**
 * Deny by default: which statements a guarded (learner) session may run at all (queries, EXPLAIN, session
 * SET/SHOW/RESET, transactions, cursors, PREPARE/EXECUTE, COPY TO STDOUT); everything else is refused unless the
 * teacher's policy allows its {@link GateCategory}. Pure and cheap (one linear pass over the tokens, see
 * {@link StatementClassifier}): the decision depends only on the statement's tokens and this gate's allowed
 * categories, so callers may cache it with the statement's plan.
 */
public final class StatementGate {
    /** SQLSTATE insufficient_privilege: what PostgreSQL itself answers a role that may not do something. */
    public static final String SQLSTATE_REFUSED = "42501";
    /** SQLSTATE syntax_error, for statements the gate does not recognise at all. */
    public static final String SQLSTATE_UNKNOWN = "42601";

    private static final String DETAIL = "The class server lets learners read: queries (SELECT, WITH, VALUES, TABLE),"
            + " EXPLAIN, SET/SHOW/RESET of session settings, transactions, cursors, PREPARE/EXECUTE and"
            + " COPY ... TO STDOUT.";
    private static final String HINT = "If your exercise needs this, ask your teacher.";
    private static final StatementGate DEFAULTS = new StatementGate(List.of());

    private final Set<GateCategory> allowed;

    /** @throws IllegalArgumentException for a category that can never be allowed */
    public StatementGate(Collection<GateCategory> allowed) {
        EnumSet<GateCategory> s = EnumSet.noneOf(GateCategory.class);
        for (GateCategory c : allowed) {
            if (!c.widenable()) {
                throw new IllegalArgumentException(c.configName() + " cannot be allowed: " + c.reason());
            }
            s.add(c);
        }
        this.allowed = s;
    }

    /** What learners get when the teacher's policy widens nothing. */
    public static StatementGate defaults() {
        return DEFAULTS;
    }

    /**
     * A gate from the configuration's names ({@code guard.allow: [ddl, dml]}).
     *
     * @throws IllegalArgumentException naming an unknown or never-allowed category and listing the valid ones
     */
    public static StatementGate allowing(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return DEFAULTS;
        }
        List<GateCategory> out = new ArrayList<>();
        for (String n : names) {
            GateCategory c = n == null ? null : GateCategory.byConfigName(n);
            if (c == null || !c.widenable()) {
                throw new IllegalArgumentException("unknown statement category '" + n + "'; one of "
                        + String.join(", ", widenableNames()));
            }
            out.add(c);
        }
        return new StatementGate(out);
    }

    /** The names a teacher may list under guard.allow. */
    public static List<String> widenableNames() {
        List<String> names = new ArrayList<>();
        for (GateCategory c : GateCategory.values()) {
            if (c.widenable()) names.add(c.configName());
        }
        return names;
    }

    /** The refusal for one statement, tokens {@code [firstToken, endToken)} of {@code t}; null when it may run. */
    public Refusal check(SqlTokens t, int firstToken, int endToken) {
        GateFinding f = StatementClassifier.classify(t, firstToken, endToken, allowed);
        return f == null ? null : refusal(f);
    }

    /** Is everything of this category allowed (e.g. {@link GateCategory#FUNCTION_CALL} for the protocol message)? */
    public boolean allows(GateCategory category) {
        return allowed.contains(category);
    }

    /** The categories that change stored data or objects: where none is allowed, the session is read-only. */
    private static final Set<GateCategory> WRITING = EnumSet.of(GateCategory.DML, GateCategory.DDL, GateCategory.DO,
            GateCategory.CALL, GateCategory.LARGE_OBJECTS, GateCategory.MAINTENANCE);

    /** True when the policy allows any writing category (then the session's transactions may not be read-only). */
    public boolean allowsWrites() {
        return WRITING.stream().anyMatch(allowed::contains);
    }

    /** The refusal of a protocol FunctionCall message, or null when the policy allows it. */
    public Refusal functionCallRefusal() {
        return allows(GateCategory.FUNCTION_CALL) ? null
                : refusal(new GateFinding(GateCategory.FUNCTION_CALL, "a FunctionCall message"));
    }

    static Refusal refusal(GateFinding f) {
        if (f.category() == GateCategory.UNKNOWN) {
            return new Refusal(SQLSTATE_UNKNOWN, "pgaw: the class server cannot tell what \"" + f.what()
                    + "\" does, so it does not run it; check the spelling", DETAIL, HINT);
        }
        return new Refusal(SQLSTATE_REFUSED, "pgaw: " + f.what() + " is not allowed on the class server: "
                + f.category().reason(), DETAIL, HINT);
    }
}
