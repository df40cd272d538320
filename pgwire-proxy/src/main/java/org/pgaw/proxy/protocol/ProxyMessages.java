package org.pgaw.proxy.protocol;

import static org.pgaw.proxy.protocol.ProxyMessage.Severity.FATAL;

import java.time.Duration;

/** The one catalogue of errors the proxy makes about connections. (Guard notices live with the guards.) */
public final class ProxyMessages {
    private ProxyMessages() { }

    public static ProxyMessage tooManyConnections(int limit) {
        return new ProxyMessage(FATAL, SqlState.TOO_MANY_CONNECTIONS,
                "pgaw: sorry, too many clients already (the server accepts " + limit + " connections)",
                null, "Close connections you no longer use, or try again in a minute.");
    }

    public static ProxyMessage tooManyConnectionsFromAddress(int limit) {
        return new ProxyMessage(FATAL, SqlState.TOO_MANY_CONNECTIONS,
                "pgaw: too many connections from your address (at most " + limit + " at once)",
                null, "Close query tool tabs or psql sessions you no longer use.");
    }

    public static ProxyMessage tooManySessionsForUser(int limit) {
        return new ProxyMessage(FATAL, SqlState.TOO_MANY_CONNECTIONS,
                "pgaw: you already have " + limit + " sessions open on the class server (at most " + limit
                        + " at once, from anywhere)",
                null, "Close Query Tool tabs or psql sessions you no longer use, then connect again.");
    }

    /** A guarded session's startup parameters set one of the settings that carry the guards (see StartupSettings). */
    public static ProxyMessage startupSettingRefused(String message) {
        return new ProxyMessage(FATAL, SqlState.INSUFFICIENT_PRIVILEGE, message, null,
                "The class's limits are set by your teacher; connect without that setting.");
    }

    public static ProxyMessage tlsRequired() {
        return new ProxyMessage(FATAL, SqlState.INVALID_AUTHORIZATION,
                "pgaw: this server accepts only encrypted connections; connect with sslmode=require",
                null, "In psql: psql \"host=... sslmode=require\". In pgAdmin: Connection > SSL mode: require.");
    }

    public static ProxyMessage startupTimeout(Duration limit) {
        return new ProxyMessage(FATAL, SqlState.CONNECTION_FAILURE,
                "pgaw: the connection was not set up within " + limit.toSeconds() + " s and was closed", null, null);
    }

    public static ProxyMessage protocolViolation(String what) {
        return new ProxyMessage(FATAL, SqlState.PROTOCOL_VIOLATION, "pgaw: protocol violation: " + what, null, null);
    }

    public static ProxyMessage messageTooLarge(long length, int limit) {
        return new ProxyMessage(FATAL, SqlState.PROTOCOL_VIOLATION,
                "pgaw: message of " + length + " bytes is larger than the limit of " + limit + " bytes", null, null);
    }

    /** Before authentication ends only its own replies may come (PostgreSQL: "expected password response"). */
    public static ProxyMessage unexpectedBeforeAuthentication(char tag) {
        return protocolViolation("expected an authentication reply (password or SASL message), got message type "
                + (tag >= 0x21 && tag < 0x7f ? "'" + tag + "'" : String.valueOf((int) tag)));
    }

    public static ProxyMessage tooManyUnauthenticated(int limit) {
        return new ProxyMessage(FATAL, SqlState.TOO_MANY_CONNECTIONS,
                "pgaw: too many connections from your address are still logging in (at most " + limit + " at once)",
                null, "Wait a few seconds and connect again.");
    }

    /** A guarded session's Query or Parse over limits.max_statement_bytes: an ERROR, the session goes on. */
    public static ProxyMessage statementTooLong(long bytes, long limit) {
        return new ProxyMessage(ProxyMessage.Severity.ERROR, SqlState.PROGRAM_LIMIT_EXCEEDED,
                "pgaw: statement too long: " + bytes + " bytes, the class server runs statements of at most "
                        + limit + " bytes",
                null, "Nothing of it ran. Send the statements one at a time, or shorten long literal values.");
    }

    public static ProxyMessage unsupportedProtocol(int major, int minor) {
        return new ProxyMessage(FATAL, SqlState.FEATURE_NOT_SUPPORTED,
                "pgaw: unsupported frontend protocol " + major + "." + minor + ": server supports 3.0", null, null);
    }

    public static ProxyMessage backendUnavailable(String why) {
        return new ProxyMessage(FATAL, SqlState.CONNECTION_FAILURE,
                "pgaw: could not connect to the database server: " + why, null,
                "The database may be restarting. Try again in a minute; tell your teacher if it persists.");
    }

    public static ProxyMessage backendLost() {
        return backendLost(null);
    }

    /** detail: why, when the proxy knows (e.g. the server sent a message no PostgreSQL sends), else null. */
    public static ProxyMessage backendLost(String detail) {
        return new ProxyMessage(FATAL, SqlState.CONNECTION_FAILURE,
                "pgaw: the connection to the database server was lost", detail,
                "Reconnect. If the server was restarting, your open transaction was rolled back.");
    }

    /** A learner's session ran on a read-only standby that stopped, went away or ended it (detail: its words). */
    public static ProxyMessage standbyLost(String detail) {
        return new ProxyMessage(FATAL, SqlState.ADMIN_SHUTDOWN,
                "pgaw: the database copy your session ran on has stopped or ended your session", detail,
                "Reconnect: you will land on another copy of the same data. A statement that was running did not finish.");
    }

    /** The teacher pressed "end session" in the console. */
    public static ProxyMessage endedByTeacher() {
        return new ProxyMessage(FATAL, SqlState.ADMIN_SHUTDOWN, "pgaw: the teacher ended this session", null,
                "Reconnect when you are ready to go on; ask your teacher if you do not know why.");
    }

    public static ProxyMessage shuttingDown() {
        return new ProxyMessage(FATAL, SqlState.ADMIN_SHUTDOWN,
                "pgaw: terminating connection because the server is shutting down", null, "Reconnect in a minute.");
    }

    public static ProxyMessage backendTlsRefused() {
        return new ProxyMessage(FATAL, SqlState.CONNECTION_FAILURE,
                "pgaw: the database server does not accept TLS but the proxy is configured to require it", null, null);
    }
}
