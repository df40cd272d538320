package org.pgaw.proxy.codec;

import java.util.List;
import java.util.Map;

/**
 * The untagged packets a client may send before the tagged protocol begins. {@code trailingBytes} tells
 * whether more bytes were already buffered right behind the packet (illegal after SSLRequest/GSSENCRequest:
 * they would bypass TLS, the CVE-2021-23214 class of bugs).
 */
public sealed interface StartupPacket {
    boolean trailingBytes();

    record SslRequest(boolean trailingBytes) implements StartupPacket { }

    record GssEncRequest(boolean trailingBytes) implements StartupPacket { }

    /** Protocol 3.0 keys are 4 bytes; 3.2 allows up to 256. */
    record CancelRequest(int pid, byte[] secret, boolean trailingBytes) implements StartupPacket { }

    /**
     * @param parameters    in the client's order (user, database, application_name, options, ...)
     * @param protocolOptions the {@code _pq_.*} names the client asked for
     */
    record StartupMessage(int major, int minor, Map<String, String> parameters, List<String> protocolOptions,
                          boolean trailingBytes) implements StartupPacket {
        public String user() { return parameters.getOrDefault("user", ""); }

        public String database() { return parameters.getOrDefault("database", user()); }

        public String applicationName() { return parameters.getOrDefault("application_name", ""); }
    }
}
