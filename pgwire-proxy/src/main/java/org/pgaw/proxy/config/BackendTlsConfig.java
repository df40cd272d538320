package org.pgaw.proxy.config;

import java.nio.file.Path;

/** TLS from the proxy to PostgreSQL. */
public record BackendTlsConfig(Mode mode, Path caFile, String serverName) {
    public enum Mode { DISABLE, REQUIRE, VERIFY_FULL }

    public static BackendTlsConfig defaults() {
        return new BackendTlsConfig(Mode.DISABLE, null, null);
    }
}
