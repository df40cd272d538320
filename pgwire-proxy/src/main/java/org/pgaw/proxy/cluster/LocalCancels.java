package org.pgaw.proxy.cluster;

/** This proxy's own sessions, as a forwarded cancel sees them. */
@FunctionalInterface
public interface LocalCancels {
    /** Cancels the running statement of the session with this key, if this proxy holds it; true when it did. */
    boolean cancel(int pid, byte[] secret);
}
