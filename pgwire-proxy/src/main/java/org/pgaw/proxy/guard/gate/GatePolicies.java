package org.pgaw.proxy.guard.gate;

import java.util.ArrayList;
import java.util.List;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;
import org.pgaw.proxy.guard.Glob;
import org.pgaw.proxy.guard.StatementGate;

/**
 * Which {@link StatementGate} a guarded session gets: the {@code allow} list of the first policy that matches its
 * role, database and application_name (the same first-match order as the guard limits), a policy without
 * {@code allow} inheriting {@code guard.allow}; no policy matching, {@code guard.allow}. Built once at start, so a
 * wrong category name stops the proxy with a message naming where it is written.
 */
public final class GatePolicies {
    private record Compiled(Glob role, Glob database, Glob application, StatementGate gate) { }

    private final StatementGate global;
    private final List<Compiled> policies = new ArrayList<>();

    /** @throws IllegalArgumentException naming guard.allow or the policy whose allow list is wrong */
    public GatePolicies(GuardConfig config) {
        GuardConfig c = config == null ? GuardConfig.defaults() : config;
        this.global = gate(c.allow(), "guard.allow");
        List<GuardPolicy> configured = c.policies() == null ? List.of() : c.policies();
        for (int i = 0; i < configured.size(); i++) {
            GuardPolicy p = configured.get(i);
            StatementGate g = p.allow() == null ? global : gate(p.allow(), "guard.policies[" + i + "].allow");
            policies.add(new Compiled(Glob.of(p.role()), Glob.of(p.database()), Glob.of(p.application()), g));
        }
    }

    /** The gate of a session with these startup parameters. Exempt roles never reach the gate. */
    public StatementGate gateFor(String role, String database, String applicationName) {
        for (Compiled p : policies) {
            if (p.role().matches(role) && p.database().matches(database) && p.application().matches(applicationName)) {
                return p.gate();
            }
        }
        return global;
    }

    private static StatementGate gate(List<String> names, String where) {
        try {
            return StatementGate.allowing(names);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
