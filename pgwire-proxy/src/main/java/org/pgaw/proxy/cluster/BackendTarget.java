package org.pgaw.proxy.cluster;

import org.pgaw.proxy.config.HostPort;

/**
 * A server a session can run on: the primary ({@code backend}) or one standby. Its session count and health are
 * kept by the {@link StandbyPool}; instances are compared by identity.
 */
public final class BackendTarget {
    /** What the last probe said. DOWN: unreachable or not a standby; LAGGING: reachable but too far behind. */
    public enum Health { UP, LAGGING, DOWN }

    private final HostPort address;
    private final boolean primary;
    private volatile Health health;
    /** Guarded by the pool's lock. */
    int sessions;

    BackendTarget(HostPort address, boolean primary, Health initial) {
        this.address = address;
        this.primary = primary;
        this.health = initial;
    }

    public HostPort address() { return address; }

    public boolean primary() { return primary; }

    public Health health() { return health; }

    void health(Health h) { health = h; }

    @Override
    public String toString() {
        return (primary ? "primary " : "standby ") + address;
    }
}
