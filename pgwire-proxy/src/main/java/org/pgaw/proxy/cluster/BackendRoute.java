package org.pgaw.proxy.cluster;

import org.pgaw.proxy.config.HostPort;

/**
 * Where one session runs, held from the routing until the session ends; {@link #release()} gives its place back
 * (once, however often it is called).
 */
public final class BackendRoute {
    private final StandbyPool pool;
    private final BackendTarget target;
    private final String user;
    private boolean released;

    BackendRoute(StandbyPool pool, BackendTarget target, String user) {
        this.pool = pool;
        this.target = target;
        this.user = user;
    }

    public HostPort address() { return target.address(); }

    /** True when the session runs on a standby (a learner), false on the primary. */
    public boolean onStandby() { return !target.primary(); }

    BackendTarget target() { return target; }

    String user() { return user; }

    /** The connection to this server failed or was lost: the pool checks the server now. */
    public void serverTrouble(boolean connectFailed) {
        pool.trouble(target, connectFailed);
    }

    public void release() {
        if (released) return;
        released = true;
        pool.release(this);
    }
}
