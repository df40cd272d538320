package org.pgaw.proxy.ops;

/**
 * One thing a guard (or the teacher) did to a learner's session, as the teacher's console shows it.
 *
 * @param epochMillis when
 * @param user        the learner's role
 * @param application the client's application_name (may be empty)
 * @param action      what happened: row_limit, byte_budget, statement_timeout, idle_in_transaction, refused, ...
 * @param fingerprint the statement's shape: a SHA-256 prefix of its normalised text, or "" when none ran
 * @param statement   the statement's first line, trimmed ("" when none)
 * @param message     what the learner was told
 */
public record GuardEvent(long epochMillis, String user, String application, String action, String fingerprint,
                         String statement, String message) {
}
