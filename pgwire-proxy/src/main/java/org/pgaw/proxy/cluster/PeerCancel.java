package org.pgaw.proxy.cluster;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * A CancelRequest one proxy forwards to another, 72 bytes:
 * <pre>
 *   "PGAWCNL1" (8) | sent at, epoch ms (8) | random nonce (16) | pid (4) | client secret (4) | HMAC-SHA256 of the 40 before (32)
 * </pre>
 * The key the client sent rides inside; the receiving proxy checks it against its own sessions exactly as for a
 * client's CancelRequest. The MAC proves a peer sent it; the time and the nonce make a replay useless.
 */
public record PeerCancel(long sentAtMillis, byte[] nonce, int pid, int secret) {
    public static final int LENGTH = 72;
    static final int SIGNED = 40;
    private static final byte[] MAGIC = "PGAWCNL1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    static PeerCancel fresh(int pid, int secret) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new PeerCancel(System.currentTimeMillis(), nonce, pid, secret);
    }

    byte[] encode(PeerKey key) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(MAGIC).putLong(sentAtMillis).put(nonce).putInt(pid).putInt(secret);
        b.put(key.mac(b.array(), SIGNED));
        return b.array();
    }

    /** The message, or null when it is not one or its MAC is wrong (no detail: the sender may be hostile). */
    static PeerCancel decode(byte[] m, PeerKey key) {
        if (m.length != LENGTH) return null;
        boolean magic = java.security.MessageDigest.isEqual(PeerKey.copy(m, 0, 8), MAGIC);
        boolean signed = key.verify(m, SIGNED, PeerKey.copy(m, SIGNED, LENGTH));
        if (!magic || !signed) return null;
        ByteBuffer b = ByteBuffer.wrap(m, 8, SIGNED - 8);
        long at = b.getLong();
        byte[] nonce = new byte[16];
        b.get(nonce);
        return new PeerCancel(at, nonce, b.getInt(), b.getInt());
    }
}
