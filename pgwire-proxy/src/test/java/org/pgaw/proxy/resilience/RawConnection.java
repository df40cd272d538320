package org.pgaw.proxy.resilience;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.pgaw.proxy.testing.WireClient;

/**
 * A raw protocol connection as an attacker holds it: plain, or TLS after SSLRequest (the proxy's self-signed
 * certificate is trusted blindly: what is tested is the proxy's memory, not its identity).
 */
final class RawConnection implements AutoCloseable {
    private final WireClient wire;

    private RawConnection(Socket socket) throws IOException {
        wire = new WireClient(socket, 20_000);
    }

    static RawConnection open(InetSocketAddress address, boolean tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(address, 5000);
        if (!tls) return new RawConnection(plain);
        plain.getOutputStream().write(WireClient.sslRequest());
        int answer = plain.getInputStream().read();
        if (answer != 'S') throw new IOException("the proxy refused TLS: " + answer);
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, address.getHostString(), address.getPort(), true);
            s.startHandshake();
            return new RawConnection(s);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    void send(byte[] bytes) throws IOException { wire.send(bytes); }

    OutputStream output() { return wire.output(); }

    /** The next message; EOFException when the proxy closed. */
    WireClient.Message read() throws IOException { return wire.read(); }

    /** Reads until ReadyForQuery; returns the tags seen (Z included). */
    String readUntilReady() throws IOException { return wire.readUntilReady(); }

    /** True when the peer closed within the timeout (anything sent before is skipped). */
    boolean closedWithin(int millis) throws IOException { return wire.closedWithin(millis); }

    /** A message with a tag, a length field claiming {@code bodyLength} body bytes, and no body (yet). */
    static byte[] header(char tag, long bodyLength) {
        return ByteBuffer.allocate(5).put((byte) tag).putInt((int) (bodyLength + 4)).array();
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
