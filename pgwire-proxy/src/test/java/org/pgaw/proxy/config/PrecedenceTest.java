package org.pgaw.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.slf4j.LoggerFactory;

/** Defaults, then the file, then PGAW_* variables, then flags: the later source wins, key by key. */
class PrecedenceTest {
    @TempDir
    Path dir;

    @Test
    void eachLayerOverridesOnlyTheKeysItSets() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                listen: 127.0.0.1:7001
                backend: 10.0.0.1:5432
                limits:
                  max_connections: 300
                """);
        Map<String, String> env = Map.of("PGAW_BACKEND", "10.0.0.2:5432", "PGAW_LIMITS_MAX_CONNECTIONS", "200",
                "PGAW_GUARD_LIMITS_MAX_ROWS", "10");
        Map<String, String> flags = Map.of("limits.max_connections", "100");

        ProxyConfig c = ConfigLoader.load(file, env, flags).proxy();

        assertThat(c.listen()).hasToString("127.0.0.1:7001");          // file only
        assertThat(c.backend()).hasToString("10.0.0.2:5432");          // environment beats file
        assertThat(c.limits().maxConnections()).isEqualTo(100);         // flag beats environment and file
        assertThat(c.guard().limits().maxRows()).isEqualTo(10);        // environment only
        assertThat(c.limits().startupTimeout()).isEqualTo(Duration.ofSeconds(15)); // nobody: default
    }

    @Test
    void environmentNamesAreDerivedFromTheKeys() {
        Map<String, String> env = new HashMap<>();
        env.put("PGAW_LISTEN", "127.0.0.1:7002");
        env.put("PGAW_ADMIN_LISTEN", "off");
        env.put("PGAW_LIMITS_STARTUP_TIMEOUT", "2m");
        env.put("PGAW_LIMITS_MAX_FRONTEND_MESSAGE", "8MiB");
        env.put("PGAW_BACKEND_TLS_MODE", "REQUIRE");
        env.put("PGAW_GUARD_EXEMPT_ROLES", "teacher, assistant");
        env.put("PGAW_GUARD_LIMITS_BUDGET_MODE", "error");
        env.put("PGAW_LOG_LEVEL", "WARN");
        env.put("PGAW_SOMETHING_ELSE", "another tool's variable, ignored");
        env.put("PATH", "/usr/bin");

        EffectiveConfig e = ConfigLoader.load(null, env, Map.of());

        assertThat(e.proxy().listen()).hasToString("127.0.0.1:7002");
        assertThat(e.proxy().admin().listen()).isNull();
        assertThat(e.proxy().limits().startupTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(e.proxy().limits().maxFrontendMessage()).isEqualTo(8 << 20);
        assertThat(e.proxy().backendTls().mode()).isEqualTo(BackendTlsConfig.Mode.REQUIRE);
        assertThat(e.proxy().guard().exemptRoles()).containsExactly("teacher", "assistant");
        assertThat(e.proxy().guard().limits().budgetMode()).isEqualTo(BudgetMode.ERROR);
        assertThat(e.logLevel()).isEqualTo("warn");
    }

    @Test
    void aMisspeltVariableIsWarnedAboutAndAnotherToolsIsNot() {
        Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            ConfigLoader.load(null, Map.of("PGAW_LIMITS_MAX_CONECTIONS", "5", "PGAW_OWNER_PASSWORD", "s3cret"), Map.of());
        } finally {
            logger.detachAppender(seen);
        }
        List<String> warnings = seen.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).containsExactly(
                "ignoring unknown environment variable PGAW_LIMITS_MAX_CONECTIONS (did you mean 'PGAW_LIMITS_MAX_CONNECTIONS'?)");
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("s3cret"));
    }

    @Test
    void anEmptyVariableClearsANullableSetting() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "backend_tls:\n  server_name: db.example.org\n");
        assertThat(ConfigLoader.load(file, Map.of("PGAW_BACKEND_TLS_SERVER_NAME", ""), Map.of()).proxy().backendTls().serverName())
                .isNull();
    }

    @Test
    void badEnvironmentValuesNameTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_LIMITS_MAX_CONNECTIONS", "lots"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable PGAW_LIMITS_MAX_CONNECTIONS: 'lots' is not a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("guard.limits.statement_timeout", "5 minutes")))
                .hasMessageStartingWith("option --guard-limits-statement-timeout: '5 minutes' is not a duration");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PGAW_LOG_LEVEL", "loud"), Map.of()))
                .hasMessage("environment variable PGAW_LOG_LEVEL: 'loud' is not one of trace, debug, info, warn, error, off");
    }

    @Test
    void everySettingCanBeGivenAsAFlag() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("listen", "127.0.0.1:7100");
        flags.put("backend", "db:6543");
        flags.put("tls.cert_chain", cert.toString());
        flags.put("tls.private_key", key.toString());
        flags.put("tls.require", "true");
        flags.put("tls.reload_interval", "1h");
        flags.put("tls.self_signed_name", "sql.example.org");
        flags.put("backend_tls.mode", "verify_full");
        flags.put("backend_tls.ca_file", ca.toString());
        flags.put("backend_tls.server_name", "pg.internal");
        flags.put("limits.max_connections", "64");
        flags.put("limits.max_connections_per_ip", "8");
        flags.put("limits.startup_timeout", "3s");
        flags.put("limits.max_frontend_message", "2MiB");
        flags.put("limits.max_unauthenticated_per_ip", "3");
        flags.put("limits.max_statement_bytes", "64KiB");
        flags.put("limits.backend_connect_timeout", "4s");
        flags.put("limits.shutdown_grace", "0");
        flags.put("limits.write_buffer_low", "16KiB");
        flags.put("limits.write_buffer_high", "48KiB");
        flags.put("limits.max_sessions_per_user", "6");
        flags.put("limits.max_running_statements_per_user", "3");
        flags.put("limits.max_long_statements", "3");
        flags.put("limits.long_statement_after", "5s");
        flags.put("admin.listen", "127.0.0.1:0");
        flags.put("guard.enabled", "false");
        flags.put("guard.limits.max_rows", "5");
        flags.put("guard.limits.max_result_bytes", "1MiB");
        flags.put("guard.limits.budget_mode", "error");
        flags.put("guard.limits.statement_timeout", "750ms");
        flags.put("guard.limits.idle_in_transaction_timeout", "1m");
        flags.put("guard.limits.idle_session_timeout", "1h");
        flags.put("guard.limits.catalog_max_rows", "4000");
        flags.put("guard.limits.max_transaction_duration", "2m");
        flags.put("guard.exempt_roles", "teacher");
        flags.put("guard.allow", "ddl,dml");
        flags.put("backend_standbys.hosts", "standby1:5432,[::1]:5433");
        flags.put("backend_standbys.max_lag", "10s");
        flags.put("backend_standbys.health_interval", "500ms");
        flags.put("backend_standbys.health_user", "probe");
        flags.put("backend_standbys.health_password_file", ca.toString());
        flags.put("backend_standbys.health_database", "adventureworks");
        flags.put("cluster.peers", "proxy2:6433");
        flags.put("cluster.listen", "0.0.0.0:6433");
        Path shared = Files.writeString(dir.resolve("cluster.key"), "k".repeat(40));
        flags.put("cluster.secret_file", shared.toString());
        flags.put("log_level", "error");
        flags.put("console.listen", "127.0.0.1:7101");
        flags.put("console.password_file", cert.toString());
        flags.put("console.history", "50");
        assertThat(flags.keySet()).as("this test sets every setting once")
                .containsExactlyInAnyOrderElementsOf(Settings.all().stream().map(Setting::key).toList());

        EffectiveConfig e = ConfigLoader.load(null, Map.of(), flags);

        ProxyConfig expected = new ProxyConfig(new HostPort("127.0.0.1", 7100), new HostPort("db", 6543),
                new ServerTlsConfig(cert, key, true, Duration.ofHours(1), "sql.example.org"),
                new BackendTlsConfig(BackendTlsConfig.Mode.VERIFY_FULL, ca, "pg.internal"),
                new LimitsConfig(64, 8, Duration.ofSeconds(3), 2 << 20, Duration.ofSeconds(4), Duration.ZERO, 16 * 1024, 48 * 1024,
                        3, 64 * 1024, 6, 3, 3, Duration.ofSeconds(5)),
                new AdminConfig(new HostPort("127.0.0.1", 0)),
                new GuardConfig(false, new GuardLimits(5, 1L << 20, BudgetMode.ERROR, Duration.ofMillis(750),
                        Duration.ofMinutes(1), Duration.ofHours(1), 4000, Duration.ofMinutes(2)), List.of(),
                        List.of("teacher"), List.of("ddl", "dml")),
                new StandbysConfig(List.of(new HostPort("standby1", 5432), new HostPort("::1", 5433)), Duration.ofSeconds(10),
                        Duration.ofMillis(500), "probe", ca, "adventureworks"),
                new ClusterConfig(List.of(new HostPort("proxy2", 6433)), new HostPort("0.0.0.0", 6433), shared),
                new ConsoleConfig(new HostPort("127.0.0.1", 7101), cert, 50));
        assertThat(e).isEqualTo(new EffectiveConfig(expected, "error"));
    }
}
