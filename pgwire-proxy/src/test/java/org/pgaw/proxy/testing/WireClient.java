package org.pgaw.proxy.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bare-bones PostgreSQL frontend over a plain socket, for tests that need exact control over the bytes. */
public final class WireClient implements AutoCloseable {
    public record Message(char tag, byte[] body) {
        public int intAt(int offset) { return ByteBuffer.wrap(body).getInt(offset); }

        /** ErrorResponse/NoticeResponse fields by code (S, C, M, ...). */
        public Map<Character, String> fields() {
            Map<Character, String> f = new LinkedHashMap<>();
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char code = (char) body[i++];
                int end = i;
                while (body[end] != 0) end++;
                f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return f;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public WireClient(InetSocketAddress address) throws IOException {
        this(connect(address), 10_000);
    }

    /** Over a socket already connected (e.g. TLS after an SSLRequest); a read waits at most {@code readTimeoutMillis}. */
    public WireClient(Socket connected, int readTimeoutMillis) throws IOException {
        socket = connected;
        socket.setSoTimeout(readTimeoutMillis);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        out = socket.getOutputStream();
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 5000);
        return s;
    }

    public WireClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The raw stream, for a test that writes a long message itself, e.g. from another thread. */
    public OutputStream output() {
        return out;
    }

    public int readByte() throws IOException {
        return in.read();
    }

    /** Exactly {@code n} raw bytes, whatever messages they hold. */
    public byte[] readBytes(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** Reads and drops exactly {@code n} bytes (a long message body), without holding them. */
    public void skipBytes(long n) throws IOException {
        byte[] sink = new byte[64 * 1024];
        while (n > 0) {
            int k = (int) Math.min(n, sink.length);
            in.readFully(sink, 0, k);
            n -= k;
        }
    }

    /** A message's tag and, as its 4-byte body, its length field; the body stays unread. Null at the end of the stream. */
    public Message readHeader() throws IOException {
        int tag = in.read();
        if (tag < 0) return null;
        return new Message((char) tag, java.nio.ByteBuffer.allocate(4).putInt(in.readInt()).array());
    }

    /** Sets SO_LINGER 0 so that {@link #close()} resets the connection instead of closing it politely. */
    public void resetOnClose() throws IOException {
        socket.setSoLinger(true, 0);
    }

    public Message read() throws IOException {
        int tag = in.read();
        if (tag < 0) throw new EOFException("connection closed");
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return new Message((char) tag, body);
    }

    /** Reads until ReadyForQuery and returns the tags seen, e.g. "TDDCZ" (Z included). */
    public String readUntilReady() throws IOException {
        StringBuilder tags = new StringBuilder();
        Message m;
        do {
            m = read();
            tags.append(m.tag());
        } while (m.tag() != 'Z');
        return tags.toString();
    }

    /** True when the peer closed the connection within the timeout (anything it sent before is skipped). */
    public boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset counts as closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ------------------------------------------------------------ message builders

    public static byte[] startup(String user, String database) {
        return startup(3, 0, "user", user, "database", database);
    }

    public static byte[] startup(int major, int minor, String... nameValues) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : nameValues) cstring(b, s);
        b.write(0);
        byte[] params = b.toByteArray();
        return ByteBuffer.allocate(8 + params.length).putInt(8 + params.length).putInt((major << 16) | minor)
                .put(params).array();
    }

    public static byte[] sslRequest() {
        return ByteBuffer.allocate(8).putInt(8).putInt(80877103).array();
    }

    public static byte[] gssEncRequest() {
        return ByteBuffer.allocate(8).putInt(8).putInt(80877104).array();
    }

    public static byte[] cancelRequest(int pid, int secret) {
        return ByteBuffer.allocate(16).putInt(16).putInt(80877102).putInt(pid).putInt(secret).array();
    }

    public static byte[] query(String sql) {
        byte[] s = sql.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + s.length + 1).put((byte) 'Q').putInt(4 + s.length + 1).put(s).put((byte) 0)
                .array();
    }

    public static byte[] terminate() {
        return new byte[] {'X', 0, 0, 0, 4};
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }

    private static void cstring(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }
}
