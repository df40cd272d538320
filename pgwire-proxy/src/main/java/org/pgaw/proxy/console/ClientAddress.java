package org.pgaw.proxy.console;

import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The address a console request comes from, as the login throttle and the log see it. Behind nginx every request
 * comes from nginx's one address: throttling that would let anyone on the internet lock the teacher out with five
 * wrong passwords. So when the connection comes from loopback or a private network (nginx in the stack's internal
 * {@code teacher} network, or on the same machine) and carries nginx's {@code X-Real-IP} with a plain IP address,
 * that address is the client. A direct connection from a public address is never taken at its word. Only places
 * that can reach the console port at all (the stack does not publish it; the demo listens on loopback) could set
 * the header themselves.
 */
final class ClientAddress {
    static final String HEADER = "X-Real-IP";

    private ClientAddress() { }

    static String of(SocketAddress peer, HttpRequest request) {
        if (!(peer instanceof InetSocketAddress a) || a.getAddress() == null) return String.valueOf(peer);
        InetAddress direct = a.getAddress();
        if (direct.isLoopbackAddress() || direct.isSiteLocalAddress() || isUniqueLocal(direct)) {
            String told = request.headers().get(HEADER);
            if (told != null && isIpLiteral(told.trim())) return told.trim();
        }
        return direct.getHostAddress();
    }

    /** IPv6 fc00::/7, the private range Docker and Kubernetes networks may use. */
    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** Digits, dots, hex and colons only, and short: never a name (no lookup), never a log injection. */
    static boolean isIpLiteral(String s) {
        if (s.isEmpty() || s.length() > 45) return false;
        boolean colon = s.indexOf(':') >= 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c == '.' || colon && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) return false;
        }
        return true;
    }
}
