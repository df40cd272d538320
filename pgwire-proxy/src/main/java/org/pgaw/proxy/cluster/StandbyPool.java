package org.pgaw.proxy.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pgaw.proxy.config.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the server of each new session. Exempt roles (the teacher) always get the primary. A learner gets the
 * healthy standby with the fewest sessions, EXCEPT while the same learner has a session open somewhere: then the
 * same server again, because pgAdmin's Stop runs {@code pg_cancel_backend(pid)} on another connection of the same
 * learner and a pid means nothing on another server. A learner's server stops being sticky when it is DOWN (its
 * sessions are gone anyway); a LAGGING one stays sticky for its learners but gets no new ones.
 * <p>
 * No standby UP: learners go to the primary (a class keeps working; the guards apply there as everywhere, and
 * PostgreSQL's own permissions decide what a learner may write). Without standbys every session goes to the
 * primary, as before this class existed.
 */
public final class StandbyPool {
    private static final Logger log = LoggerFactory.getLogger(StandbyPool.class);

    private final BackendTarget primary;
    private final List<BackendTarget> standbys;
    /** Per learner: the server their open sessions run on, and how many they have open. */
    private final Map<String, Sticky> byUser = new HashMap<>();
    private volatile Consumer<BackendTarget> troubleListener = t -> { };

    private static final class Sticky {
        final BackendTarget target;
        int open;

        Sticky(BackendTarget target) { this.target = target; }
    }

    public StandbyPool(HostPort primary, List<HostPort> standbys) {
        this.primary = new BackendTarget(primary, true, BackendTarget.Health.UP);
        List<BackendTarget> list = new ArrayList<>();
        // Unknown until the first probe; UP so that a proxy started together with its standbys serves at once
        // (a standby that is not there fails its first connect, which marks it DOWN and retries elsewhere).
        for (HostPort h : standbys) list.add(new BackendTarget(h, false, BackendTarget.Health.UP));
        this.standbys = List.copyOf(list);
    }

    public boolean hasStandbys() { return !standbys.isEmpty(); }

    public BackendTarget primary() { return primary; }

    public List<BackendTarget> standbys() { return standbys; }

    /** Called (on the caller's thread) when a session reports trouble with a server: the health check reacts. */
    public void onTrouble(Consumer<BackendTarget> listener) { this.troubleListener = listener; }

    /** The server for a new session: {@code guarded} sessions are learners; {@code user} keeps a learner together. */
    public synchronized BackendRoute route(boolean guarded, String user) {
        if (!guarded || standbys.isEmpty()) return take(primary, null);
        Sticky sticky = byUser.get(user);
        if (sticky != null && sticky.target.health() != BackendTarget.Health.DOWN) {
            sticky.open++;
            return take(sticky.target, user);
        }
        BackendTarget best = null;
        for (BackendTarget s : standbys) {
            if (s.health() == BackendTarget.Health.UP && (best == null || s.sessions < best.sessions)) best = s;
        }
        if (best == null) best = primary;
        // A learner whose server went DOWN starts over: their sessions there are ending anyway.
        Sticky fresh = new Sticky(best);
        if (sticky != null) fresh.open = sticky.open;
        fresh.open++;
        byUser.put(user, fresh);
        return take(best, user);
    }

    private BackendRoute take(BackendTarget t, String user) {
        t.sessions++;
        return new BackendRoute(this, t, user);
    }

    synchronized void release(BackendRoute route) {
        route.target().sessions--;
        if (route.user() == null) return;
        Sticky sticky = byUser.get(route.user());
        if (sticky != null && --sticky.open <= 0) byUser.remove(route.user());
    }

    /** The health check's verdict. */
    public void health(BackendTarget t, BackendTarget.Health h, String why) {
        BackendTarget.Health before = t.health();
        t.health(h);
        if (before != h) {
            if (h == BackendTarget.Health.UP) log.info("{} is {} ({})", t, h, why);
            else log.warn("{} is {}: {}", t, h, why);
        }
    }

    void trouble(BackendTarget t, boolean connectFailed) {
        if (t.primary()) return;
        if (connectFailed) health(t, BackendTarget.Health.DOWN, "a session could not connect");
        troubleListener.accept(t);
    }

    /** Sessions per server, for tests and logs. */
    public synchronized Map<String, Integer> sessionsByServer() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        out.put(primary.toString(), primary.sessions);
        for (BackendTarget s : standbys) out.put(s.toString(), s.sessions);
        return out;
    }
}
