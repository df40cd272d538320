package org.pgaw.stack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** One Query Tool tab of a learner, driven through the same endpoints as pgAdmin's page. */
public final class QueryTool {
    private final Learner learner;
    private final int transId;

    private QueryTool(Learner learner, int transId) {
        this.learner = learner;
        this.transId = transId;
    }

    public static QueryTool open(Learner learner, int gid, int sid, int did, String dbname) {
        int trans = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        HttpResponse<String> r = learner.postJson("/sqleditor/initialize/sqleditor/" + trans + "/" + gid + "/" + sid
                + "/" + did, Map.of("dbname", dbname));
        Learner.check(r, 200, "open the Query Tool");
        return new QueryTool(learner, trans);
    }

    /** What the page shows when a query has ended. */
    public record Outcome(String status, long rowsAffected, JsonNode firstPage, String messages, String error,
                          Duration elapsed) { }

    /** Runs SQL and polls until it is no longer Busy, as the page does. */
    public Outcome run(String sql, Duration timeout) {
        long start = System.nanoTime();
        start(sql);
        return await(start, timeout);
    }

    public void start(String sql) {
        HttpResponse<String> r = learner.postJson("/sqleditor/query_tool/start/" + transId, Map.of("sql", sql));
        Learner.check(r, 200, "start " + sql);
    }

    /** The Stop button. */
    public void cancel() {
        Learner.check(learner.postJson("/sqleditor/cancel/" + transId, Map.of()), 200, "Stop");
    }

    public Outcome await(long startNanos, Duration timeout) {
        long end = startNanos + timeout.toNanos();
        // Notices stream in while the query runs: pgAdmin hands each out once, in whichever poll is answered
        // next, Busy or not; the Messages tab shows them all, so collect them all (pgAdmin 9.18 put the cross
        // join's notice into a Busy poll now and then, and the test failed when it read only the other field).
        StringBuilder messages = new StringBuilder();
        while (true) {
            HttpResponse<String> r = learner.getRaw("/sqleditor/poll/" + transId);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            JsonNode body = Learner.parse(r.body());
            if (r.statusCode() != 200) {
                // pgAdmin reports a failed query as HTTP 500 with the server's message.
                messages.append(text(body.path("data").path("additional_messages")));
                return new Outcome("Error", -1, null, messages.toString(), body.path("errormsg").asText(r.body()),
                        elapsed);
            }
            JsonNode data = body.path("data");
            String status = data.path("status").asText();
            // pgAdmin's poll(): a Busy answer carries the notices drained so far in "result", a finished one
            // in "additional_messages"; the page shows both in the Messages tab.
            messages.append(text("Busy".equals(status) ? data.path("result") : data.path("additional_messages")));
            if (!"Busy".equals(status)) {
                return new Outcome(status, data.path("rows_affected").asLong(-1), data.path("result"),
                        messages.toString(), "NotConnected".equals(status) ? data.path("result").asText() : null,
                        elapsed);
            }
            if (System.nanoTime() > end) throw new IllegalStateException("query still Busy after " + timeout);
            try {
                Thread.sleep(pollDelayMillis(elapsed));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The page's own schedule (pgAdmin 9's sqleditor poll()): 1 ms between polls for the first 10 s of a query,
     * then 0.5 s until 30 s, 1 s until 60 s, 2 s until 90 s, then 5 s. The harness must load pgAdmin as browsers do.
     */
    static long pollDelayMillis(Duration running) {
        long s = running.toSeconds();
        return s < 10 ? 1 : s < 30 ? 500 : s < 60 ? 1000 : s < 90 ? 2000 : 5000;
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    public void close() {
        learner.delete("/sqleditor/close/" + transId);
    }
}
