package org.pgaw.proxy.session;

import org.pgaw.proxy.codec.StartupPacket;
import org.pgaw.proxy.guard.EffectiveLimits;

/**
 * Chooses a session's limits once, from the user, database and application_name of its StartupMessage: what the
 * learner later sets with SET changes nothing here.
 */
final class GuardPolicies {
    private GuardPolicies() { }

    /** The session's guard, or null when its role is exempt or the guards are off. */
    static GuardSession sessionFor(ProxyContext px, Session session, StartupPacket.StartupMessage m) {
        EffectiveLimits limits = px.policies.resolve(m.user(), m.database(), m.applicationName());
        if (limits.exempt()) return null;
        String who = "user=" + m.user() + " database=" + m.database() + " application=" + m.applicationName();
        return new GuardSession(session, limits, px.rewriter, px.gates.gateFor(m.user(), m.database(),
                m.applicationName()), who, m.user());
    }
}
