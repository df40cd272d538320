package org.pgaw.proxy.session;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps the key a client was given (the REAL backend pid — pgAdmin cancels with pg_cancel_backend(pid) on another
 * connection, so the pid must be real — and a proxy-issued random secret) to the session that owns it.
 * The backend's own secret never leaves the proxy.
 */
public final class CancelRegistry {
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<Integer, Session> byPid = new ConcurrentHashMap<>();

    public int newSecret() {
        return random.nextInt();
    }

    public void register(int pid, Session session) {
        byPid.put(pid, session);
    }

    public void unregister(int pid, Session session) {
        byPid.remove(pid, session);
    }

    /** The session whose key matches, compared in constant time; null when none does. */
    public Session find(int pid, byte[] secret) {
        Session s = byPid.get(pid);
        if (s == null) return null;
        byte[] expected = intBytes(s.clientSecret());
        return MessageDigest.isEqual(expected, secret) ? s : null;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
