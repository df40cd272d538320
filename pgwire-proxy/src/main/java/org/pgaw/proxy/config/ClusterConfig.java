package org.pgaw.proxy.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Several proxies behind one TCP load balancer: a CancelRequest may reach a proxy that does not hold the session,
 * which then forwards it, signed with the shared key, to the other proxies' peer endpoints (see README.md,
 * "More than one machine").
 *
 * @param peers      the other proxies' peer endpoints (their {@code cluster.listen}), host:port each
 * @param listen     where this proxy accepts forwarded cancels from its peers; null = off
 * @param secretFile the key all proxies share (at least 32 bytes); required when peers or listen are set
 */
public record ClusterConfig(List<HostPort> peers, HostPort listen, Path secretFile) {
    public ClusterConfig {
        peers = peers == null ? List.of() : List.copyOf(peers);
    }

    public static ClusterConfig defaults() {
        return new ClusterConfig(List.of(), null, null);
    }

    public boolean enabled() {
        return !peers.isEmpty() || listen != null;
    }
}
