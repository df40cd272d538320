package org.pgaw.proxy.tls;

import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/** Host name vs IP literal, for subjectAltName entries and SNI. Never resolves anything. */
final class HostNames {
    private HostNames() { }

    /** Host names never contain ':' and never are four dotted numbers; anything else is a DNS name. */
    static boolean isIpLiteral(String s) {
        return s.contains(":") || s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The SNI entry for {@code host}, or empty for IP literals and names SNI cannot carry (e.g. "pg_db"). */
    static Optional<List<SNIServerName>> sni(String host) {
        if (host == null || isIpLiteral(host)) {
            return Optional.empty();
        }
        try {
            return Optional.of(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
