package org.pgaw.proxy.protocol;

/**
 * An ErrorResponse or NoticeResponse the proxy itself makes. Learners read these in psql and in pgAdmin's
 * Messages tab (which shows only severity and M), so everything a person must know goes into {@code message}.
 */
public record ProxyMessage(Severity severity, String sqlState, String message, String detail, String hint,
                           int position) {
    /** A message that points nowhere in the client's text. */
    public ProxyMessage(Severity severity, String sqlState, String message, String detail, String hint) {
        this(severity, sqlState, message, detail, hint, 0);
    }

    public enum Severity {
        FATAL, ERROR, WARNING, NOTICE;

        public boolean isError() { return this == FATAL || this == ERROR; }
    }

    public ProxyMessage asFatal() { return new ProxyMessage(Severity.FATAL, sqlState, message, detail, hint, position); }
}
