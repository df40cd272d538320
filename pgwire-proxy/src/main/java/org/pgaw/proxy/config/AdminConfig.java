package org.pgaw.proxy.config;

/** The admin HTTP endpoint (/health, /metrics); null listen = off. */
public record AdminConfig(HostPort listen) {
    public static AdminConfig defaults() {
        return new AdminConfig(new HostPort("127.0.0.1", 9187));
    }
}
