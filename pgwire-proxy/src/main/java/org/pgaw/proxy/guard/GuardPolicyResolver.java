package org.pgaw.proxy.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/**
 * Resolves the guards of a session from the proxy's configuration and the session's startup parameters.
 *
 * <p>Order: guards disabled → unguarded; role matches an exempt pattern → exempt; else the first policy whose role,
 * database and application patterns all match; else the defaults. A policy's null fields inherit the configured
 * defaults, whose null fields inherit {@link GuardLimits#defaults()}. Learners cannot influence any of this except
 * through their startup parameters, of which only the role is authenticated (by PostgreSQL): application_name is
 * whatever the client says, so policies keyed on it should only ever make limits stricter (see GUARDS.md).
 *
 * <p>pgAdmin's browser connections ({@code application_name} {@code pgAdmin 4 - DB:...}) get no special treatment
 * here on purpose: their SQL is catalog-only and the rewriter leaves catalog-only queries alone, while a row-cap
 * exemption by application_name would let any learner lift their cap by naming their psql session that way.
 */
public final class GuardPolicyResolver {
    private final boolean enabled;
    private final List<Glob> exemptRoles;
    private final List<CompiledPolicy> policies;
    private final GuardLimits defaults;

    private record CompiledPolicy(int number, Glob role, Glob database, Glob application, GuardLimits limits) {
        boolean matches(String r, String d, String a) {
            return role.matches(r) && database.matches(d) && application.matches(a);
        }

        String describe() {
            return "policy #" + number + " (role=" + role + ", database=" + database + ", application=" + application + ")";
        }
    }

    /** @throws IllegalArgumentException when a limit is negative, naming the policy */
    public GuardPolicyResolver(GuardConfig config) {
        GuardConfig c = config == null ? GuardConfig.defaults() : config;
        this.enabled = c.enabled();
        this.defaults = overlay(c.limits(), GuardLimits.defaults());
        validate(defaults, "the default guard limits");
        this.exemptRoles = new ArrayList<>();
        for (String r : c.exemptRoles() == null ? List.<String>of() : c.exemptRoles()) {
            exemptRoles.add(Glob.of(r));
        }
        this.policies = new ArrayList<>();
        List<GuardPolicy> configured = c.policies() == null ? List.of() : c.policies();
        for (int i = 0; i < configured.size(); i++) {
            GuardPolicy p = configured.get(i);
            CompiledPolicy compiled = new CompiledPolicy(i + 1, Glob.of(p.role()), Glob.of(p.database()),
                    Glob.of(p.application()), overlay(p.limits(), defaults));
            validate(compiled.limits(), compiled.describe());
            policies.add(compiled);
        }
    }

    public EffectiveLimits resolve(String role, String database, String applicationName) {
        if (!enabled) {
            return EffectiveLimits.unguarded("guards disabled");
        }
        for (Glob exempt : exemptRoles) {
            if (role != null && exempt.matches(role)) {
                return EffectiveLimits.unguarded("exempt role " + exempt);
            }
        }
        for (CompiledPolicy p : policies) {
            if (p.matches(role, database, applicationName)) {
                return effective(p.limits(), p.describe());
            }
        }
        return effective(defaults, "defaults");
    }

    private static EffectiveLimits effective(GuardLimits l, String source) {
        return new EffectiveLimits(false, l.maxRows(), l.maxResultBytes(), l.budgetMode(), l.statementTimeout(),
                l.idleInTransactionTimeout(), l.idleSessionTimeout(), source,
                l.catalogMaxRows() == null ? GuardLimits.defaults().catalogMaxRows() : l.catalogMaxRows(),
                l.maxTransactionDuration() == null ? GuardLimits.defaults().maxTransactionDuration()
                        : l.maxTransactionDuration());
    }

    private static GuardLimits overlay(GuardLimits top, GuardLimits base) {
        if (top == null) {
            return base;
        }
        return new GuardLimits(
                top.maxRows() != null ? top.maxRows() : base.maxRows(),
                top.maxResultBytes() != null ? top.maxResultBytes() : base.maxResultBytes(),
                top.budgetMode() != null ? top.budgetMode() : base.budgetMode(),
                top.statementTimeout() != null ? top.statementTimeout() : base.statementTimeout(),
                top.idleInTransactionTimeout() != null ? top.idleInTransactionTimeout() : base.idleInTransactionTimeout(),
                top.idleSessionTimeout() != null ? top.idleSessionTimeout() : base.idleSessionTimeout(),
                top.catalogMaxRows() != null ? top.catalogMaxRows() : base.catalogMaxRows(),
                top.maxTransactionDuration() != null ? top.maxTransactionDuration() : base.maxTransactionDuration());
    }

    private static void validate(GuardLimits l, String where) {
        if (l.maxRows() < 0) {
            throw new IllegalArgumentException(where + ": maxRows must be 0 (off) or more, got " + l.maxRows());
        }
        if (l.maxRows() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": maxRows must be below " + Integer.MAX_VALUE);
        }
        if (l.maxResultBytes() < 0) {
            throw new IllegalArgumentException(where + ": maxResultBytes must be 0 (off) or more, got "
                    + l.maxResultBytes());
        }
        checkDuration(l.statementTimeout(), where, "statementTimeout");
        checkDuration(l.idleInTransactionTimeout(), where, "idleInTransactionTimeout");
        checkDuration(l.idleSessionTimeout(), where, "idleSessionTimeout");
        if (l.maxTransactionDuration() != null) checkDuration(l.maxTransactionDuration(), where, "maxTransactionDuration");
        if (l.catalogMaxRows() != null && l.catalogMaxRows() < 0) {
            throw new IllegalArgumentException(where + ": catalogMaxRows must be 0 or more, got " + l.catalogMaxRows());
        }
        if (l.budgetMode() != BudgetMode.TRUNCATE && l.budgetMode() != BudgetMode.ERROR) {
            throw new IllegalArgumentException(where + ": unknown budgetMode " + l.budgetMode());
        }
    }

    private static void checkDuration(Duration d, String where, String name) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(where + ": " + name + " must be zero (off) or positive, got " + d);
        }
    }
}
