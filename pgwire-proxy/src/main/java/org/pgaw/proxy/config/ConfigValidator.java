package org.pgaw.proxy.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.GuardConfig.GuardPolicy;

/** Checks that each value makes sense alone and with the others; the first problem becomes one clear line. */
final class ConfigValidator {
    static final int MAX_CONNECTIONS = 100_000;
    static final int MIN_FRONTEND_MESSAGE = 1024;
    static final int MAX_FRONTEND_MESSAGE = 1 << 30;
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0", "*");

    private ConfigValidator() { }

    static void validate(EffectiveConfig effective) {
        ProxyConfig c = effective.proxy();
        check(c.backend().port() > 0, "backend: port 0 is not a PostgreSQL server's port");
        if (c.admin().listen() != null) {
            HostPort a = c.admin().listen();
            HostPort l = c.listen();
            boolean sameHost = a.host().equals(l.host()) || WILDCARDS.contains(a.host()) || WILDCARDS.contains(l.host());
            check(!(a.port() != 0 && a.port() == l.port() && sameHost),
                    "admin.listen " + a + " and listen " + l + " use the same port");
        }
        tls(c.tls());
        backendTls(c.backendTls());
        limits(c.limits());
        guardLimits("guard.limits", c.guard().limits());
        for (int i = 0; i < c.guard().policies().size(); i++) {
            GuardPolicy p = c.guard().policies().get(i);
            guardLimits("guard.policies[" + i + "].limits", p.limits());
        }
    }

    private static void tls(ServerTlsConfig t) {
        check((t.certChain() == null) == (t.privateKey() == null),
                "tls.cert_chain and tls.private_key go together: set both, or neither for a self-signed certificate");
        readableFile("tls.cert_chain", t.certChain());
        readableFile("tls.private_key", t.privateKey());
        check(t.reloadInterval().compareTo(Duration.ofSeconds(1)) >= 0, "tls.reload_interval must be at least 1s");
        check(t.selfSignedName() != null && t.selfSignedName().length() <= 253,
                "tls.self_signed_name must be a DNS name of at most 253 characters");
    }

    private static void backendTls(BackendTlsConfig b) {
        readableFile("backend_tls.ca_file", b.caFile());
        check(b.serverName() == null || b.serverName().length() <= 253, "backend_tls.server_name is longer than 253 characters");
    }

    private static void limits(LimitsConfig l) {
        between("limits.max_connections", l.maxConnections(), 1, MAX_CONNECTIONS);
        between("limits.max_connections_per_ip", l.maxConnectionsPerIp(), 1, l.maxConnections());
        positive("limits.startup_timeout", l.startupTimeout());
        check(l.maxFrontendMessage() >= MIN_FRONTEND_MESSAGE && l.maxFrontendMessage() <= MAX_FRONTEND_MESSAGE,
                "limits.max_frontend_message must be between 1KiB and 1GiB, got " + Units.formatSize(l.maxFrontendMessage()));
        positive("limits.backend_connect_timeout", l.backendConnectTimeout());
        check(l.writeBufferLow() > 0, "limits.write_buffer_low must be more than 0");
        check(l.writeBufferLow() < l.writeBufferHigh(), "limits.write_buffer_low (" + Units.formatSize(l.writeBufferLow())
                + ") must be below limits.write_buffer_high (" + Units.formatSize(l.writeBufferHigh()) + ")");
    }

    /** Null fields are allowed (a policy's null inherits); present ones must not be negative. */
    private static void guardLimits(String where, GuardLimits g) {
        if (g == null) return;
        check(g.maxRows() == null || g.maxRows() >= 0, where + ".max_rows must be 0 (no limit) or more, got " + g.maxRows());
        check(g.maxResultBytes() == null || g.maxResultBytes() >= 0, where + ".max_result_bytes must be 0 (no budget) or more");
        check(g.catalogMaxRows() == null || g.catalogMaxRows() >= 0, where + ".catalog_max_rows must be 0 or more");
    }

    private static void readableFile(String key, Path p) {
        if (p == null) return;
        check(Files.exists(p), key + ": file " + p + " does not exist");
        check(Files.isRegularFile(p), key + ": " + p + " is not a regular file");
        check(Files.isReadable(p), key + ": file " + p + " is not readable");
    }

    private static void between(String key, int value, int min, int max) {
        check(value >= min && value <= max, key + " must be between " + min + " and " + max + ", got " + value);
    }

    private static void positive(String key, Duration d) {
        check(!d.isZero() && !d.isNegative(), key + " must be more than 0");
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new ConfigException(message);
    }
}
