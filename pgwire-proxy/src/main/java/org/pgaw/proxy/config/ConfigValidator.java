package org.pgaw.proxy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/**
 * Checks that each value makes sense alone and with the others; the first problem becomes one clear line that
 * names where the value came from (the flag, the variable or the file's key the person typed, see {@link Source}).
 */
final class ConfigValidator {
    static final int MAX_CONNECTIONS = 100_000;
    static final int MIN_FRONTEND_MESSAGE = 1024;
    static final int MAX_FRONTEND_MESSAGE = 1 << 30;
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0", "*");

    private final Sources sources;
    private final String configFile;

    private ConfigValidator(Sources sources, String configFile) {
        this.sources = sources;
        this.configFile = configFile;
    }

    /** @param configFile the file guard.policies came from, or null */
    static void validate(EffectiveConfig effective, Sources sources, String configFile) {
        new ConfigValidator(sources, configFile).validate(effective.proxy());
    }

    private void validate(ProxyConfig c) {
        check(c.backend().port() > 0, where("backend") + ": port 0 is not a PostgreSQL server's port");
        if (c.admin().listen() != null) {
            HostPort a = c.admin().listen();
            HostPort l = c.listen();
            boolean sameHost = a.host().equals(l.host()) || WILDCARDS.contains(a.host()) || WILDCARDS.contains(l.host());
            check(!(a.port() != 0 && a.port() == l.port() && sameHost), typed("admin.listen", a.toString()) + " and "
                    + typed("listen", l.toString()) + " use the same port; give one of them another port");
        }
        console(c.console(), c.listen());
        tls(c.tls());
        backendTls(c.backendTls());
        limits(c.limits());
        guardLimits(c.guard().limits());
        standbys(c.backendStandbys());
        cluster(c.cluster());
        for (int i = 0; i < c.guard().policies().size(); i++) {
            policyLimits("config file " + configFile + ", key guard.policies[" + i + "].limits.", c.guard().policies().get(i));
        }
    }

    /** The console needs its password file when on; it never shares the learners' port. */
    private void console(ConsoleConfig k, HostPort learners) {
        between("console.history", k.history(), 1, ConsoleConfig.MAX_HISTORY);
        if (!k.enabled()) return;
        check(k.passwordFile() != null, where("console.listen") + ": the console needs "
                + sources.of("console.listen").nameOf(setting("console.password_file")) + " (a file with the teacher's password)");
        readableFile("console.password_file", k.passwordFile());
        boolean sameHost = k.listen().host().equals(learners.host()) || WILDCARDS.contains(k.listen().host())
                || WILDCARDS.contains(learners.host());
        check(!(k.listen().port() != 0 && k.listen().port() == learners.port() && sameHost),
                typed("console.listen", k.listen().toString()) + " and " + typed("listen", learners.toString())
                        + " use the same port; the learners' port never serves the console");
    }

    private void tls(ServerTlsConfig t) {
        if ((t.certChain() == null) != (t.privateKey() == null)) {
            Source given = sources.of(t.certChain() != null ? "tls.cert_chain" : "tls.private_key");
            String missing = t.certChain() != null ? "tls.private_key" : "tls.cert_chain";
            throw new ConfigException(given.describe() + ": needs " + given.nameOf(Settings.byKey(missing).orElseThrow())
                    + " as well (the certificate and its key go together); set both, or neither for a self-signed certificate");
        }
        readableFile("tls.cert_chain", t.certChain());
        readableFile("tls.private_key", t.privateKey());
        check(t.reloadInterval().compareTo(Duration.ofSeconds(1)) >= 0,
                where("tls.reload_interval") + ": must be at least 1s, got " + Units.formatDuration(t.reloadInterval()));
        check(t.selfSignedName() != null && t.selfSignedName().length() <= 253,
                where("tls.self_signed_name") + ": must be a DNS name of at most 253 characters");
    }

    private void backendTls(BackendTlsConfig b) {
        readableFile("backend_tls.ca_file", b.caFile());
        check(b.serverName() == null || b.serverName().length() <= 253,
                where("backend_tls.server_name") + ": is longer than 253 characters");
    }

    private void limits(LimitsConfig l) {
        between("limits.max_connections", l.maxConnections(), 1, MAX_CONNECTIONS);
        if (l.maxConnectionsPerIp() > l.maxConnections() && !given("limits.max_connections_per_ip")) {
            throw new ConfigException(typed("limits.max_connections", Integer.toString(l.maxConnections()))
                    + " is below " + typed("limits.max_connections_per_ip", Integer.toString(l.maxConnectionsPerIp()))
                    + "; lower " + sources.of("limits.max_connections").nameOf(setting("limits.max_connections_per_ip"))
                    + " too");
        }
        between("limits.max_connections_per_ip", l.maxConnectionsPerIp(), 1, l.maxConnections());
        between("limits.max_sessions_per_user", l.maxSessionsPerUser(), 0, MAX_CONNECTIONS);
        between("limits.max_running_statements_per_user", l.maxRunningStatementsPerUser(), 0, MAX_CONNECTIONS);
        between("limits.max_long_statements", l.maxLongStatements(), 0, MAX_CONNECTIONS);
        positive("limits.long_statement_after", l.longStatementAfter());
        positive("limits.startup_timeout", l.startupTimeout());
        check(l.maxFrontendMessage() >= MIN_FRONTEND_MESSAGE && l.maxFrontendMessage() <= MAX_FRONTEND_MESSAGE,
                where("limits.max_frontend_message") + ": must be between 1KiB and 1GiB, got " + Units.formatSize(l.maxFrontendMessage()));
        between("limits.max_unauthenticated_per_ip", l.maxUnauthenticatedPerIp(), 1, MAX_CONNECTIONS);
        check(l.maxStatementBytes() >= MIN_FRONTEND_MESSAGE && l.maxStatementBytes() <= MAX_FRONTEND_MESSAGE,
                where("limits.max_statement_bytes") + ": must be between 1KiB and 1GiB, got " + Units.formatSize(l.maxStatementBytes()));
        positive("limits.backend_connect_timeout", l.backendConnectTimeout());
        check(l.writeBufferLow() > 0, where("limits.write_buffer_low") + ": must be more than 0");
        if (l.writeBufferLow() >= l.writeBufferHigh()) {
            String low = typed("limits.write_buffer_low", Units.formatSize(l.writeBufferLow()));
            String high = typed("limits.write_buffer_high", Units.formatSize(l.writeBufferHigh()));
            throw new ConfigException(given("limits.write_buffer_low") || !given("limits.write_buffer_high")
                    ? low + " must be below " + high
                    : high + " must be above " + low);
        }
    }

    private void standbys(StandbysConfig s) {
        for (HostPort h : s.hosts()) {
            check(h.port() > 0, where("backend_standbys.hosts") + ": port 0 is not a PostgreSQL server's port");
        }
        positive("backend_standbys.max_lag", s.maxLag());
        check(s.healthInterval().compareTo(Duration.ofMillis(100)) >= 0,
                where("backend_standbys.health_interval") + ": must be at least 100ms");
        readableFile("backend_standbys.health_password_file", s.healthPasswordFile());
        check(s.healthUser() != null, where("backend_standbys.health_user") + ": needs a role name");
        check(s.healthDatabase() != null, where("backend_standbys.health_database") + ": needs a database name");
    }

    private void cluster(ClusterConfig c) {
        if (c.enabled() && c.secretFile() == null) {
            String given = c.peers().isEmpty() ? "cluster.listen" : "cluster.peers";
            throw new ConfigException(where(given) + ": needs " + sources.of(given).nameOf(setting("cluster.secret_file"))
                    + " too (the key all proxies share, which signs forwarded cancels)");
        }
        readableFile("cluster.secret_file", c.secretFile());
        if (c.secretFile() != null) {
            // As PeerKey reads it: the file's text without surrounding white space (a trailing newline is not key).
            int length;
            try {
                length = Files.readString(c.secretFile(), java.nio.charset.StandardCharsets.ISO_8859_1).strip().length();
            } catch (java.io.IOException e) {
                throw new ConfigException(where("cluster.secret_file") + ": cannot read " + c.secretFile() + ": " + e.getMessage());
            }
            check(length >= 32, where("cluster.secret_file") + ": the key has " + length
                    + " bytes, at least 32 are needed (e.g. openssl rand -base64 48 > FILE)");
        }
        for (HostPort h : c.peers()) {
            check(h.port() > 0, where("cluster.peers") + ": port 0 cannot be a peer's port");
        }
    }

    private void guardLimits(GuardLimits g) {
        check(g.maxRows() == null || g.maxRows() >= 0, where("guard.limits.max_rows") + ": must be 0 (no limit) or more, got " + g.maxRows());
        check(g.maxResultBytes() == null || g.maxResultBytes() >= 0, where("guard.limits.max_result_bytes") + ": must be 0 (no budget) or more");
        check(g.catalogMaxRows() == null || g.catalogMaxRows() >= 0, where("guard.limits.catalog_max_rows") + ": must be 0 or more");
    }

    /** A policy's null limits inherit guard.limits; present ones must not be negative. */
    private static void policyLimits(String where, GuardPolicy p) {
        GuardLimits g = p.limits();
        if (g == null) return;
        check(g.maxRows() == null || g.maxRows() >= 0, where + "max_rows: must be 0 (no limit) or more, got " + g.maxRows());
        check(g.maxResultBytes() == null || g.maxResultBytes() >= 0, where + "max_result_bytes: must be 0 (no budget) or more");
        check(g.catalogMaxRows() == null || g.catalogMaxRows() >= 0, where + "catalog_max_rows: must be 0 or more");
    }

    private void readableFile(String key, Path p) {
        if (p == null) return;
        String shown = p.isAbsolute() ? p.toString() : p + " (" + p.toAbsolutePath().normalize() + ")";
        check(Files.exists(p), where(key) + ": file " + shown + " does not exist");
        check(Files.isRegularFile(p), where(key) + ": " + shown + " is not a regular file");
        check(Files.isReadable(p), where(key) + ": file " + shown + " is not readable");
    }

    private void between(String key, int value, int min, int max) {
        check(value >= min && value <= max, where(key) + ": must be between " + min + " and " + max + ", got " + value);
    }

    private void positive(String key, Duration d) {
        check(!d.isZero() && !d.isNegative(), where(key) + ": must be more than 0");
    }

    private String where(String key) {
        return sources.describe(key);
    }

    private String typed(String key, String value) {
        return sources.of(key).typed(value);
    }

    private boolean given(String key) {
        return sources.of(key).kind() != Source.Kind.DEFAULT;
    }

    private static Setting setting(String key) {
        return Settings.byKey(key).orElseThrow();
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new ConfigException(message);
    }
}
