package org.pgaw.proxy.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.ops.GuardEvent;
import org.pgaw.proxy.ops.GuardEvents;
import org.pgaw.proxy.session.Session;
import org.pgaw.proxy.session.SessionView;

/**
 * What the console page shows, gathered without blocking anyone: every session is asked for its {@link SessionView}
 * on its own event loop, and the answer is built when all have replied (or {@link #VIEW_TIMEOUT_MILLIS} passed;
 * a session too busy to answer is left out of this refresh).
 */
final class ClassState {
    static final long VIEW_TIMEOUT_MILLIS = 1000;
    /** Characters of a running statement sent to the page. */
    static final int STATEMENT_CHARS = 500;
    /** Events sent in one refresh at most (the page asks again for the rest). */
    static final int MAX_EVENTS = 200;

    private final Set<Session> sessions;
    private final GuardEvents events;
    private final ActivityChart chart;

    ClassState(Set<Session> sessions, GuardEvents events, ActivityChart chart) {
        this.sessions = sessions;
        this.events = events;
        this.chart = chart;
    }

    /** The views of every session (those that answered in time). */
    CompletableFuture<List<SessionView>> views() {
        List<CompletableFuture<SessionView>> asked = new ArrayList<>();
        for (Session s : sessions) {
            asked.add(s.view().completeOnTimeout(null, VIEW_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
        return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(x -> {
            List<SessionView> out = new ArrayList<>(asked.size());
            for (CompletableFuture<SessionView> f : asked) {
                SessionView v = f.join();
                if (v != null && !v.user().isEmpty()) out.add(v);
            }
            out.sort((a, b) -> a.user().equals(b.user()) ? Long.compare(a.id(), b.id()) : a.user().compareTo(b.user()));
            return out;
        });
    }

    /** The page's data: sessions, events after sequence number {@code after}, counts per learner and shape, chart. */
    Map<String, Object> build(List<SessionView> views, long after) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", System.currentTimeMillis());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SessionView v : views) rows.add(session(v));
        out.put("sessions", rows);
        List<GuardEvents.Numbered> recent = events.since(Math.max(0, after));
        if (recent.size() > MAX_EVENTS) recent = recent.subList(recent.size() - MAX_EVENTS, recent.size());
        List<Map<String, Object>> feed = new ArrayList<>();
        for (GuardEvents.Numbered n : recent) feed.add(event(n));
        out.put("events", feed);
        out.put("next", events.total());
        out.put("learners", learners(views));
        out.put("shapes", shapes());
        out.put("chart", chart.points((long) out.get("now"), (int) views.stream().filter(SessionView::active).count(),
                events.total()));
        return out;
    }

    private static Map<String, Object> session(SessionView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(v.id()));
        m.put("user", v.user());
        m.put("client", clientLabel(v.application(), v.clientAddress()));
        m.put("state", v.state());
        m.put("runningMillis", v.runningMillis());
        m.put("rows", v.rows());
        m.put("bytes", v.bytes());
        m.put("statement", trim(v.statement(), STATEMENT_CHARS));
        m.put("guarded", v.guarded());
        return m;
    }

    /** "pgAdmin (10.0.0.5)", "psql (127.0.0.1)", or the application_name the client chose. */
    static String clientLabel(String application, String address) {
        String app = application == null ? "" : application;
        String lower = app.toLowerCase(Locale.ROOT);
        String kind = lower.contains("pgadmin") ? "pgAdmin" : lower.equals("psql") ? "psql"
                : app.isEmpty() ? "other" : trim(app, 40);
        return kind + " (" + address + ")";
    }

    private static Map<String, Object> event(GuardEvents.Numbered n) {
        GuardEvent e = n.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", n.seq());
        m.put("time", e.epochMillis());
        m.put("user", e.user());
        m.put("action", e.action());
        m.put("fingerprint", e.fingerprint());
        m.put("statement", e.statement());
        m.put("message", e.message());
        return m;
    }

    /** Statements, errors and guard actions per learner: the ended sessions' plus the live ones'. */
    private Map<String, long[]> learners(List<SessionView> views) {
        Map<String, long[]> out = new TreeMap<>();
        events.endedCounts().forEach((user, c) -> out.put(user, new long[] {c.statements, c.errors, c.guardActions}));
        for (SessionView v : views) {
            if (!v.guarded()) continue;
            long[] c = out.computeIfAbsent(v.user(), k -> new long[3]);
            c[0] += v.statements();
            c[1] += v.errors();
        }
        return out;
    }

    /** Statement shapes that made a guard act, with how many learners ran them: "4 learners ran this cross join". */
    private List<Map<String, Object>> shapes() {
        Map<String, Map<String, Object>> byShape = new HashMap<>();
        Map<String, Set<String>> who = new HashMap<>();
        for (GuardEvents.Numbered n : events.since(0)) {
            GuardEvent e = n.event();
            if (e.fingerprint().isEmpty()) continue;
            Map<String, Object> s = byShape.computeIfAbsent(e.fingerprint(), k -> new LinkedHashMap<>());
            s.put("fingerprint", e.fingerprint());
            s.put("statement", e.statement());
            s.merge("actions", 1L, (a, b) -> (Long) a + (Long) b);
            who.computeIfAbsent(e.fingerprint(), k -> new java.util.TreeSet<>()).add(e.user());
        }
        List<Map<String, Object>> out = new ArrayList<>(byShape.values());
        for (Map<String, Object> s : out) s.put("learners", who.get((String) s.get("fingerprint")).size());
        out.sort((a, b) -> Integer.compare((Integer) b.get("learners"), (Integer) a.get("learners")));
        return out.size() > 20 ? out.subList(0, 20) : out;
    }

    static String trim(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
