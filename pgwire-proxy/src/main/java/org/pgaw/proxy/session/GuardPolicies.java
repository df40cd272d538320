package org.pgaw.proxy.session;

import java.util.regex.Pattern;
import org.pgaw.proxy.codec.StartupPacket;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/**
 * Chooses a session's limits once, from the user, database and application_name of its StartupMessage: what the
 * learner later sets with SET changes nothing here.
 */
final class GuardPolicies {
    private GuardPolicies() { }

    static GuardSession sessionFor(ProxyContext px, Session session, StartupPacket.StartupMessage m) {
        GuardConfig g = px.config.guard();
        if (g == null || !g.enabled() || g.exemptRoles().contains(m.user())) return null;
        GuardLimits limits = resolve(g, m.user(), m.database(), m.applicationName());
        String who = "user=" + m.user() + " database=" + m.database() + " application=" + m.applicationName();
        return new GuardSession(session, limits, px.rewriter, who);
    }

    static GuardLimits resolve(GuardConfig g, String role, String database, String application) {
        GuardLimits base = g.limits();
        for (GuardPolicy p : g.policies()) {
            if (matches(p.role(), role) && matches(p.database(), database) && matches(p.application(), application)) {
                return merge(p.limits(), base);
            }
        }
        return base;
    }

    private static GuardLimits merge(GuardLimits over, GuardLimits base) {
        if (over == null) return base;
        return new GuardLimits(
                over.maxRows() != null ? over.maxRows() : base.maxRows(),
                over.maxResultBytes() != null ? over.maxResultBytes() : base.maxResultBytes(),
                over.budgetMode() != null ? over.budgetMode() : base.budgetMode(),
                over.statementTimeout() != null ? over.statementTimeout() : base.statementTimeout(),
                over.idleInTransactionTimeout() != null ? over.idleInTransactionTimeout() : base.idleInTransactionTimeout(),
                over.idleSessionTimeout() != null ? over.idleSessionTimeout() : base.idleSessionTimeout());
    }

    /** Glob with * and ?; null matches anything. */
    static boolean matches(String glob, String value) {
        if (glob == null) return true;
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(re.toString(), value);
    }
}
