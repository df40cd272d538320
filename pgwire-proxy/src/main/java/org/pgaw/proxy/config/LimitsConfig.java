package org.pgaw.proxy.config;

import java.time.Duration;

/**
 * Protection of the proxy itself.
 *
 * @param maxConnections        client connections at once (beyond: FATAL 53300)
 * @param maxConnectionsPerIp   client connections at once from one address (beyond: FATAL 53300)
 * @param startupTimeout        from TCP accept until the backend says ReadyForQuery (slowloris bound)
 * @param maxFrontendMessage    largest message a client may send, in bytes (CopyData and Query included)
 * @param backendConnectTimeout TCP connect to PostgreSQL
 * @param shutdownGrace         on SIGTERM, how long running sessions may go on before they are closed
 * @param writeBufferLow        Netty low write-buffer watermark, bytes
 * @param writeBufferHigh       Netty high write-buffer watermark, bytes: reading the other side pauses above it
 */
public record LimitsConfig(int maxConnections, int maxConnectionsPerIp, Duration startupTimeout,
                           int maxFrontendMessage, Duration backendConnectTimeout, Duration shutdownGrace,
                           int writeBufferLow, int writeBufferHigh) {
    public static LimitsConfig defaults() {
        return new LimitsConfig(500, 50, Duration.ofSeconds(15), 64 * 1024 * 1024, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 64 * 1024, 256 * 1024);
    }
}
