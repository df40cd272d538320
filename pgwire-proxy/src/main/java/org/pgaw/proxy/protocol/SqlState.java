package org.pgaw.proxy.protocol;

/** The SQLSTATE codes the proxy itself uses. */
public final class SqlState {
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String CONNECTION_FAILURE = "08006";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String TOO_MANY_CONNECTIONS = "53300";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
    public static final String QUERY_CANCELED = "57014";
    public static final String ADMIN_SHUTDOWN = "57P01";
    public static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";
    public static final String IDLE_SESSION_TIMEOUT = "57P05";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    private SqlState() { }
}
