package org.pgaw.proxy.session;

/**
 * What the teacher's console shows of one session: a copy taken on the session's own event loop, so it holds no
 * reference into the live session and may be read from any thread.
 *
 * @param id              the proxy's own number for the session (not the backend pid, nothing a learner chose)
 * @param user            the role, or "" before the startup packet
 * @param database        the database, or ""
 * @param application     application_name as the client sent it, or ""
 * @param clientAddress   the client's IP address (pgAdmin's sessions come from its replicas' addresses)
 * @param state           starting, idle, active, idle in transaction, failed transaction
 * @param guarded         false for exempt roles (the teacher's own): the console shows no statement text for them
 * @param runningMillis   how long the current statement has run (0 when idle)
 * @param rows            rows of the current result sent so far
 * @param bytes           bytes of the current result sent so far
 * @param statement       the last statement's text as the learner sent it (trimmed by the console), or ""
 * @param statements      Query and Parse messages so far
 * @param errors          errors the learner received so far
 */
public record SessionView(long id, String user, String database, String application, String clientAddress,
                          String state, boolean guarded, long runningMillis, long rows, long bytes, String statement,
                          long statements, long errors) {
    public boolean active() {
        return "active".equals(state);
    }
}
