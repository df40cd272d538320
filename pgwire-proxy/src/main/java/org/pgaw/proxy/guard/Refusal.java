package org.pgaw.proxy.guard;

/**
 * Why a guarded (learner) session may not run a statement: sent to the learner as an ErrorResponse by the session,
 * nothing is forwarded to PostgreSQL. Texts are written for a person learning SQL (see {@link GuardMessages}).
 *
 * @param sqlState SQLSTATE of the ErrorResponse, e.g. {@code 42501} (insufficient privilege)
 * @param message  the primary message (pgAdmin shows only this)
 * @param detail   optional detail, may be null
 * @param hint     optional hint, may be null
 * @param position 1-based character position in the learner's text for the ErrorResponse's {@code P} field (psql
 *                 draws its {@code LINE 1:} and caret from it), or 0 for none
 */
public record Refusal(String sqlState, String message, String detail, String hint, int position) {
    public Refusal(String sqlState, String message, String detail, String hint) {
        this(sqlState, message, detail, hint, 0);
    }
}
