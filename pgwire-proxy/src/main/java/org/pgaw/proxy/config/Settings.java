package org.pgaw.proxy.config;

import static org.pgaw.proxy.config.ValueType.BOOLEAN;
import static org.pgaw.proxy.config.ValueType.DURATION;
import static org.pgaw.proxy.config.ValueType.HOST_PORT;
import static org.pgaw.proxy.config.ValueType.HOST_PORT_LIST;
import static org.pgaw.proxy.config.ValueType.HOST_PORT_OR_OFF;
import static org.pgaw.proxy.config.ValueType.INT;
import static org.pgaw.proxy.config.ValueType.PATH;
import static org.pgaw.proxy.config.ValueType.SIZE_INT;
import static org.pgaw.proxy.config.ValueType.SIZE_LONG;
import static org.pgaw.proxy.config.ValueType.TEXT;
import static org.pgaw.proxy.config.ValueType.TEXT_LIST;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;

/**
 * The catalogue of every scalar setting, in the order --help, --print-config and the README show them.
 * {@code guard.policies} is the one non-scalar key: a YAML-only list (see {@link PolicyReader}).
 * A test compares this list with the config records' components, so a new component cannot be forgotten here.
 */
public final class Settings {
    /** The YAML key of the list of per-role/database/application guard policies. */
    public static final String POLICIES_KEY = "guard.policies";
    public static final String GUARD_LIMITS_PREFIX = "guard.limits.";

    private static final List<Setting> ALL = List.of(
            s("listen", HOST_PORT, c -> c.proxy().listen(),
                    "Address the proxy accepts PostgreSQL clients on (port 0 picks a free port)."),
            s("backend", HOST_PORT, c -> c.proxy().backend(),
                    "The PostgreSQL server behind the proxy."),

            s("tls.cert_chain", PATH, c -> c.proxy().tls().certChain(),
                    "PEM certificate chain for clients (e.g. Let's Encrypt fullchain.pem); none = a self-signed one is made at start."),
            s("tls.private_key", PATH, c -> c.proxy().tls().privateKey(),
                    "PEM private key that goes with tls.cert_chain (PKCS#1, SEC1 or PKCS#8)."),
            s("tls.require", BOOLEAN, c -> c.proxy().tls().require(),
                    "Refuse clients that do not use TLS (FATAL error)."),
            s("tls.reload_interval", DURATION, c -> c.proxy().tls().reloadInterval(),
                    "How often the certificate files are checked for a renewal."),
            s("tls.self_signed_name", TEXT, c -> c.proxy().tls().selfSignedName(),
                    "DNS name put into the generated self-signed certificate."),

            s("backend_tls.mode", ValueType.enumOf(BackendTlsConfig.Mode.class), c -> c.proxy().backendTls().mode(),
                    "TLS from the proxy to PostgreSQL."),
            s("backend_tls.ca_file", PATH, c -> c.proxy().backendTls().caFile(),
                    "PEM CA certificates that verify-full trusts; none = the JVM's trust store."),
            s("backend_tls.server_name", TEXT, c -> c.proxy().backendTls().serverName(),
                    "Name verify-full expects in PostgreSQL's certificate; none = the backend host."),

            s("limits.max_connections", INT, c -> c.proxy().limits().maxConnections(),
                    "Client connections at once; one more gets FATAL 53300."),
            s("limits.max_connections_per_ip", INT, c -> c.proxy().limits().maxConnectionsPerIp(),
                    "Client connections at once from one IP address; one more gets FATAL 53300."),
            s("limits.max_sessions_per_user", INT, c -> c.proxy().limits().maxSessionsPerUser(),
                    "Sessions of one user at once, from any address, counted after the password; one more gets FATAL 53300; 0 = off."),
            s("limits.max_running_statements_per_user", INT, c -> c.proxy().limits().maxRunningStatementsPerUser(),
                    "Statements of one learner running at once across all their sessions; more wait in the proxy; 0 = off."),
            s("limits.max_long_statements", INT, c -> c.proxy().limits().maxLongStatements(),
                    "Learners' statements running longer than long_statement_after at once, over the class; a further one is cancelled and its learner's next statements wait their turn; 0 = off."),
            s("limits.long_statement_after", DURATION, c -> c.proxy().limits().longStatementAfter(),
                    "How long a learner's statement runs before it counts as long (limits.max_long_statements)."),
            s("limits.startup_timeout", DURATION, c -> c.proxy().limits().startupTimeout(),
                    "From accept until the session is ready for queries (bounds slow or silent clients)."),
            s("limits.max_frontend_message", SIZE_INT, c -> c.proxy().limits().maxFrontendMessage(),
                    "Largest message a client may send (Query, CopyData...)."),
            s("limits.max_unauthenticated_per_ip", INT, c -> c.proxy().limits().maxUnauthenticatedPerIp(),
                    "Connections from one IP address still logging in at once; one more gets FATAL 53300."),
            s("limits.max_statement_bytes", SIZE_INT, c -> c.proxy().limits().maxStatementBytes(),
                    "Longest statement text (Query, Parse) a guarded session may send; longer gets ERROR 54000."),
            s("limits.backend_connect_timeout", DURATION, c -> c.proxy().limits().backendConnectTimeout(),
                    "TCP connect to PostgreSQL."),
            s("limits.shutdown_grace", DURATION, c -> c.proxy().limits().shutdownGrace(),
                    "On SIGTERM, how long running statements may finish before sessions are closed."),
            s("limits.write_buffer_low", SIZE_INT, c -> c.proxy().limits().writeBufferLow(),
                    "Reading the other side resumes when a socket's unsent data falls below this."),
            s("limits.write_buffer_high", SIZE_INT, c -> c.proxy().limits().writeBufferHigh(),
                    "Reading the other side pauses when a socket's unsent data rises above this."),

            s("admin.listen", HOST_PORT_OR_OFF, c -> c.proxy().admin().listen(),
                    "HTTP address of /health and /metrics; off = no admin endpoint."),

            s("console.listen", HOST_PORT_OR_OFF, c -> c.proxy().console().listen(),
                    "HTTP address of the teacher's console (/teacher/); off = none. Plain HTTP: loopback, or behind nginx's TLS."),
            s("console.password_file", PATH, c -> c.proxy().console().passwordFile(),
                    "File whose first line is the teacher's console password (or token); required when the console is on."),
            s("console.history", INT, c -> c.proxy().console().history(),
                    "Guard actions the console's feed remembers (the oldest are forgotten first)."),

            s("guard.enabled", BOOLEAN, c -> c.proxy().guard().enabled(),
                    "Master switch of the guards; false = a plain transparent proxy."),
            limit("max_rows", INT, GuardLimits::maxRows,
                    "Rows any result a learner receives delivers at most, whatever produced it (checked on the wire;"
                    + " catalog-only results: 10,000); 0 = no row limit."),
            limit("max_result_bytes", SIZE_LONG, GuardLimits::maxResultBytes,
                    "Bytes sent on behalf of one statement at most (rows, COPY data, notices, errors); 0 = no budget."),
            limit("budget_mode", ValueType.enumOf(GuardConfig.BudgetMode.class), GuardLimits::budgetMode,
                    "Past the byte budget: truncate (notice, normal end) or error (SQLSTATE 54000)."),
            limit("statement_timeout", DURATION, GuardLimits::statementTimeout,
                    "Longest a statement (each Query, Execute, pipelined request) may run; also set as PostgreSQL's"
                    + " statement_timeout; the learner cannot lift it; 0 = off."),
            limit("idle_in_transaction_timeout", DURATION, GuardLimits::idleInTransactionTimeout,
                    "Longest a transaction (also an unsynced extended sequence) may sit idle before the proxy rolls it"
                    + " back; 0 = off."),
            limit("idle_session_timeout", DURATION, GuardLimits::idleSessionTimeout,
                    "Longest a session may sit idle outside a transaction; 0 = off."),
            limit("catalog_max_rows", INT, GuardLimits::catalogMaxRows,
                    "Rows a catalog-only result (pgAdmin's tree, autocomplete) delivers at most; 0 = max_rows."),
            limit("max_transaction_duration", DURATION, GuardLimits::maxTransactionDuration,
                    "Longest a learner's transaction may live, however busy; then it is rolled back; 0 = off."),
            s("guard.exempt_roles", TEXT_LIST, c -> c.proxy().guard().exemptRoles(),
                    "Roles no guard touches (the teacher); comma-separated outside the YAML file."),

            s("guard.allow", TEXT_LIST, c -> c.proxy().guard().allow(),
                    "Statement categories learners may run beyond reading (ddl, dml, do, call, ...; see GUARDS.md); none = deny by default."),

            s("backend_standbys.hosts", HOST_PORT_LIST, c -> c.proxy().backendStandbys().hosts(),
                    "Read-only standbys for learners (exempt roles stay on backend); none = everyone on backend."),
            s("backend_standbys.max_lag", DURATION, c -> c.proxy().backendStandbys().maxLag(),
                    "A standby further behind the primary than this gets no new sessions."),
            s("backend_standbys.health_interval", DURATION, c -> c.proxy().backendStandbys().healthInterval(),
                    "How often each standby's recovery state and replay position are probed."),
            s("backend_standbys.health_user", TEXT, c -> c.proxy().backendStandbys().healthUser(),
                    "Role the health probe logs in as (any login role; it only reads WAL positions)."),
            s("backend_standbys.health_password_file", PATH, c -> c.proxy().backendStandbys().healthPasswordFile(),
                    "File holding the health role's password; none = no password (trust)."),
            s("backend_standbys.health_database", TEXT, c -> c.proxy().backendStandbys().healthDatabase(),
                    "Database the health probe connects to."),
            s("cluster.peers", HOST_PORT_LIST, c -> c.proxy().cluster().peers(),
                    "The other proxies' cluster.listen addresses: a cancel for a session this proxy does not hold goes there."),
            s("cluster.listen", HOST_PORT_OR_OFF, c -> c.proxy().cluster().listen(),
                    "Where this proxy accepts cancels forwarded by its peers; off = none."),
            s("cluster.secret_file", PATH, c -> c.proxy().cluster().secretFile(),
                    "Key shared by all proxies (at least 32 bytes) that signs forwarded cancels; required with peers or listen."),

            s("log_level", ValueType.oneOf("trace", "debug", "info", "warn", "error", "off"), EffectiveConfig::logLevel,
                    "Logging level of the proxy (Netty stays at warn)."));

    private static final Map<String, Setting> BY_KEY = index();

    private Settings() { }

    public static List<Setting> all() {
        return ALL;
    }

    public static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The settings under guard.limits, which a policy's {@code limits} mapping may also hold. */
    public static List<Setting> guardLimits() {
        List<Setting> out = new ArrayList<>();
        for (Setting s : ALL) {
            if (s.key().startsWith(GUARD_LIMITS_PREFIX)) out.add(s);
        }
        return out;
    }

    private static Setting s(String key, ValueType type, Function<EffectiveConfig, Object> getter, String help) {
        return new Setting(key, type, getter, help);
    }

    private static Setting limit(String name, ValueType type, Function<GuardLimits, Object> getter, String help) {
        return new Setting(GUARD_LIMITS_PREFIX + name, type, c -> getter.apply(c.proxy().guard().limits()), help);
    }

    private static Map<String, Setting> index() {
        Map<String, Setting> m = new LinkedHashMap<>();
        for (Setting s : ALL) m.put(s.key(), s);
        return Map.copyOf(m);
    }
}
