package org.pgaw.proxy.protocol;

/** The request codes of the untagged startup packets, and the bounds the proxy puts on them. */
public final class StartupCodes {
    public static final int PROTOCOL_3_0 = 196608;          // 3 << 16
    public static final int SSL_REQUEST = 80877103;
    public static final int GSSENC_REQUEST = 80877104;
    public static final int CANCEL_REQUEST = 80877102;

    /** PostgreSQL's own MAX_STARTUP_PACKET_LENGTH. */
    public static final int MAX_STARTUP_PACKET = 10_000;
    /** The first byte of a TLS record: a client using direct TLS (PostgreSQL 17 sslnegotiation=direct). */
    public static final int TLS_HANDSHAKE_RECORD = 0x16;

    private StartupCodes() { }
}
