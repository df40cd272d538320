package org.pgaw.proxy.resilience;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        out = socket.getOutputStream();
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

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    OutputStream output() { return out; }

    InputStream input() { return in; }

    /** The next message; EOFException when the proxy closed. */
    WireClient.Message read() throws IOException {
        int tag = in.read();
        if (tag < 0) throw new EOFException("connection closed");
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return new WireClient.Message((char) tag, body);
    }

    /** Reads until ReadyForQuery; returns the tags seen (Z included). */
    String readUntilReady() throws IOException {
        StringBuilder tags = new StringBuilder();
        WireClient.Message m;
        do {
            m = read();
            tags.append(m.tag());
        } while (m.tag() != 'Z');
        return tags.toString();
    }

    /** True when the peer closed within the timeout (anything sent before is skipped). */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A message with a tag, a length field claiming {@code bodyLength} body bytes, and no body (yet). */
    static byte[] header(char tag, long bodyLength) {
        return ByteBuffer.allocate(5).put((byte) tag).putInt((int) (bodyLength + 4)).array();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
