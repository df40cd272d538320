package org.pgaw.proxy.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps the key a client was given (the REAL backend pid — pgAdmin cancels with pg_cancel_backend(pid) on another
 * connection, so the pid must be real — and a proxy-issued random secret) to the session that owns it.
 * The backend's own secret never leaves the proxy.
 * <p>
 * With standbys, sessions on different servers may share a pid: a pid names a list of sessions, and a key is
 * compared with every one of them in constant time (all secrets are compared, whichever matches), so neither a
 * collision nor the timing tells an attacker anything.
 */
public final class CancelRegistry {
    private static final Session[] NONE = new Session[0];
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<Integer, Session[]> byPid = new ConcurrentHashMap<>();

    public int newSecret() {
        return random.nextInt();
    }

    public void register(int pid, Session session) {
        byPid.compute(pid, (k, old) -> {
            Session[] list = old == null ? NONE : old;
            Session[] grown = java.util.Arrays.copyOf(list, list.length + 1);
            grown[list.length] = session;
            return grown;
        });
    }

    public void unregister(int pid, Session session) {
        byPid.computeIfPresent(pid, (k, list) -> {
            Session[] kept = java.util.Arrays.stream(list).filter(s -> s != session).toArray(Session[]::new);
            return kept.length == 0 ? null : kept;
        });
    }

    /** The session whose key matches, compared in constant time over all sessions with this pid; null when none does. */
    public Session find(int pid, byte[] secret) {
        Session[] candidates = byPid.getOrDefault(pid, NONE);
        Session found = null;
        for (Session s : candidates) {
            if (MessageDigest.isEqual(intBytes(s.clientSecret()), secret) && found == null) found = s;
        }
        return found;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
