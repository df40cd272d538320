package org.pgaw.proxy.protocol;

/**
 * An ErrorResponse or NoticeResponse the proxy itself makes. Learners read these in psql and in pgAdmin's
 * Messages tab (which shows only severity and M), so everything a person must know goes into {@code message}.
 */
public record ProxyMessage(Severity severity, String sqlState, String message, String detail, String hint) {
    public enum Severity {
        FATAL, ERROR, WARNING, NOTICE;

        public boolean isError() { return this == FATAL || this == ERROR; }
    }

    public ProxyMessage asFatal() { return new ProxyMessage(Severity.FATAL, sqlState, message, detail, hint); }
}
