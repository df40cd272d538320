package org.pgaw.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/** Builds the immutable records from one parsed value per catalogue key (defaults already filled in). */
final class ConfigBinder {
    private final Map<String, Object> v;

    private ConfigBinder(Map<String, Object> values) {
        this.v = values;
    }

    static EffectiveConfig bind(Map<String, Object> values, List<GuardPolicy> policies) {
        return new ConfigBinder(values).build(policies);
    }

    private EffectiveConfig build(List<GuardPolicy> policies) {
        ServerTlsConfig tls = new ServerTlsConfig(get("tls.cert_chain", Path.class), get("tls.private_key", Path.class),
                get("tls.require", Boolean.class), get("tls.reload_interval", Duration.class),
                get("tls.self_signed_name", String.class));
        BackendTlsConfig backendTls = new BackendTlsConfig(get("backend_tls.mode", BackendTlsConfig.Mode.class),
                get("backend_tls.ca_file", Path.class), get("backend_tls.server_name", String.class));
        LimitsConfig limits = new LimitsConfig(get("limits.max_connections", Integer.class),
                get("limits.max_connections_per_ip", Integer.class), get("limits.startup_timeout", Duration.class),
                get("limits.max_frontend_message", Integer.class), get("limits.backend_connect_timeout", Duration.class),
                get("limits.shutdown_grace", Duration.class), get("limits.write_buffer_low", Integer.class),
                get("limits.write_buffer_high", Integer.class), get("limits.max_unauthenticated_per_ip", Integer.class),
                get("limits.max_statement_bytes", Integer.class), get("limits.max_sessions_per_user", Integer.class))
                .withMaxRunningStatementsPerUser(get("limits.max_running_statements_per_user", Integer.class))
                .withLongStatements(get("limits.max_long_statements", Integer.class),
                        get("limits.long_statement_after", Duration.class));
        GuardLimits guardLimits = new GuardLimits(get("guard.limits.max_rows", Integer.class),
                get("guard.limits.max_result_bytes", Long.class), get("guard.limits.budget_mode", BudgetMode.class),
                get("guard.limits.statement_timeout", Duration.class),
                get("guard.limits.idle_in_transaction_timeout", Duration.class),
                get("guard.limits.idle_session_timeout", Duration.class),
                get("guard.limits.catalog_max_rows", Integer.class),
                get("guard.limits.max_transaction_duration", Duration.class));
        @SuppressWarnings("unchecked")
        List<String> exempt = get("guard.exempt_roles", List.class);
        List<String> allow = get("guard.allow", List.class);
        GuardConfig guard = new GuardConfig(get("guard.enabled", Boolean.class), guardLimits, policies, exempt,
                allow == null ? List.of() : allow);
        ProxyConfig proxy = new ProxyConfig(get("listen", HostPort.class), get("backend", HostPort.class), tls, backendTls,
                limits, new AdminConfig(get("admin.listen", HostPort.class)), guard, standbys(), cluster(),
                new ConsoleConfig(get("console.listen", HostPort.class), get("console.password_file", Path.class),
                        get("console.history", Integer.class)));
        return new EffectiveConfig(proxy, get("log_level", String.class));
    }

    @SuppressWarnings("unchecked")
    private StandbysConfig standbys() {
        return new StandbysConfig(get("backend_standbys.hosts", List.class), get("backend_standbys.max_lag", Duration.class),
                get("backend_standbys.health_interval", Duration.class), get("backend_standbys.health_user", String.class),
                get("backend_standbys.health_password_file", Path.class), get("backend_standbys.health_database", String.class));
    }

    @SuppressWarnings("unchecked")
    private ClusterConfig cluster() {
        return new ClusterConfig(get("cluster.peers", List.class), get("cluster.listen", HostPort.class),
                get("cluster.secret_file", Path.class));
    }

    private <T> T get(String key, Class<T> type) {
        if (!v.containsKey(key)) throw new IllegalStateException("no value for " + key + " (a catalogue entry is missing)");
        return type.cast(v.get(key));
    }
}
