package org.pgaw.proxy.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.ConfigLoader;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.guard.gate.GateCategory;

/**
 * The two proxies the regression suite goes through, configured as a teacher would, in YAML read by the proxy's own
 * loader: one where the superuser is an exempt role (the plain relay: it must be invisible), one where the same
 * superuser is guarded with every statement category a policy can allow and a row cap the suite never reaches, so
 * that the lexer, gate and rewriter see PostgreSQL's whole SQL corpus and only their intended actions show.
 */
final class RegressProxies {
    /** Far above any result of the suite: a capped result would be a guard action, not a difference to explain. */
    static final int GUARDED_MAX_ROWS = 100_000;

    private RegressProxies() { }

    static ProxyServer exempt(Path dir, int backendPort) {
        return start(dir.resolve("exempt.yaml"), backendPort, """
                guard:
                  enabled: true
                  exempt_roles: [postgres]
                """);
    }

    static ProxyServer guarded(Path dir, int backendPort) {
        String everythingWidenable = Arrays.stream(GateCategory.values()).filter(GateCategory::widenable)
                .map(GateCategory::configName).collect(Collectors.joining(", "));
        return start(dir.resolve("guarded.yaml"), backendPort, """
                limits:
                  max_statement_bytes: 1GiB
                guard:
                  enabled: true
                  limits:
                    max_rows: %d
                  allow: [%s]
                """.formatted(GUARDED_MAX_ROWS, everythingWidenable));
    }

    private static ProxyServer start(Path file, int backendPort, String guardYaml) {
        String yaml = """
                listen: 127.0.0.1:0
                backend: 127.0.0.1:%d
                admin:
                  listen: off
                log_level: warn
                """.formatted(backendPort) + guardYaml;
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProxyConfig config = ConfigLoader.load(file, Map.of(), Map.of()).proxy();
        return ProxyServer.start(config);
    }
}
