package org.pgaw.proxy.codec;

/**
 * The largest message PostgreSQL can send, per backend message type (tag + length + body). A header that claims
 * more is not PostgreSQL talking: the session ends at that header, before the proxy waits for or relays a body
 * that never comes. Only DataRow, CopyData and FunctionCallResponse carry user data of any size (bounded by the
 * decoder's overall maximum); ErrorResponse and NoticeResponse quote user data too (bounded like the largest
 * inspected message). The bounds are generous: they catch nonsense, not unusual but valid servers.
 */
public final class BackendMessageBounds {
    private BackendMessageBounds() { }

    private static final long SMALL = 1L << 20; // descriptions, parameters, authentication exchanges

    /** Per tag, the largest total size; 0 = only the decoder's overall bounds apply. */
    public static long[] totals() {
        long[] max = new long[256];
        for (char fixed : new char[] {'1', '2', '3', 'n', 's', 'I', 'c'}) max[fixed] = 5; // tag + length 4
        max['Z'] = 6;                          // ReadyForQuery: one status byte
        max['K'] = 1 + 4 + 4 + 256;            // BackendKeyData: pid + a key of at most 256 bytes (protocol 3.2)
        max['C'] = 1024;                       // CommandComplete: PostgreSQL's tag buffer is 64 bytes
        for (char described : new char[] {'T', 't', 'S', 'R', 'A', 'G', 'H', 'W', 'v'}) max[described] = SMALL;
        return max;
    }
}
