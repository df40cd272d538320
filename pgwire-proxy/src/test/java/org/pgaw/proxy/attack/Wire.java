package org.pgaw.proxy.attack;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/**
 * One raw protocol session (plaintext, trust auth) that counts what it receives per statement into {@link Result}s.
 * Bodies of rows are skipped, never kept, so a proxy that fails to cap costs the test time, not memory; a read that
 * goes on beyond {@link #READ_CAP} bytes fails the test as "unbounded".
 */
public final class Wire implements AutoCloseable {
    static final long READ_CAP = 256L * 1024 * 1024;
    private static final int KEEP_BODY = 16 * 1024 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final InetSocketAddress address;
    private int backendPid;
    private int secret;
    private char status;
    private long sentAt;
    private String startupError;
    private boolean extendedCopy;
    /** The last result ended in PortalSuspended: the next one continues the same portal. */
    private boolean suspended;

    private Wire(InetSocketAddress address) throws IOException {
        this.address = address;
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        out = socket.getOutputStream();
    }

    /** A learner's guarded session through the attack proxy. */
    public static Wire learner() throws IOException { return open(AttackProxy.address(), AttackDb.LEARNER); }

    public static Wire learner2() throws IOException { return open(AttackProxy.address(), AttackDb.LEARNER2); }

    /** The exempt teacher through the proxy. */
    public static Wire teacher() throws IOException { return open(AttackProxy.address(), AttackDb.TEACHER); }

    /** Straight to PostgreSQL as {@code user}, to know what PostgreSQL itself says. */
    public static Wire direct(String user) throws IOException {
        return open(new InetSocketAddress("127.0.0.1", TestPostgres.port()), user);
    }

    public static Wire open(InetSocketAddress address, String user) throws IOException {
        Wire w = new Wire(address);
        w.send(WireClient.startup(user, AttackDb.DATABASE));
        try {
            w.untilReady();
        } catch (EOFException e) {
            w.close();
            throw new IOException("startup refused: " + w.startupError, e);
        }
        if (w.startupError != null) {
            w.close();
            throw new IOException("startup refused: " + w.startupError);
        }
        return w;
    }

    public int backendPid() { return backendPid; }

    /**
     * The next COPY FROM STDIN this session may start comes from an Execute: PostgreSQL ignores a Sync sent during
     * copy-in, so the CopyFail that ends it must be followed by another Sync.
     */
    public Wire extendedCopy(boolean on) { extendedCopy = on; return this; }

    /** Transaction status of the last ReadyForQuery: I, T or E. */
    public char status() { return status; }

    public Wire send(byte[]... messages) throws IOException {
        sentAt = System.nanoTime();
        for (byte[] m : messages) out.write(m);
        out.flush();
        return this;
    }

    /** Sends a simple Query and reads to ReadyForQuery. */
    public List<Result> simple(String sql) throws IOException {
        return send(Pg.query(sql)).untilReady();
    }

    /** Sends a simple Query of one statement and returns its one non-empty result. */
    public Result one(String sql) throws IOException {
        List<Result> rs = simple(sql);
        if (rs.size() != 1) throw new AssertionError("expected one result for " + Result.abbreviate(sql) + ", got " + rs);
        return rs.get(0);
    }

    /** CancelRequest with this session's key, on a new connection to the same address. */
    public void cancel() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.getOutputStream().write(WireClient.cancelRequest(backendPid, secret));
            s.getOutputStream().flush();
            s.setSoTimeout(5000);
            s.getInputStream().read();
        }
    }

    /** Reads until ReadyForQuery; every statement's result in order. */
    public List<Result> untilReady() throws IOException {
        return read(Integer.MAX_VALUE);
    }

    /** Reads until {@code n} results have ended (for Execute + Flush without Sync: no ReadyForQuery comes). */
    public List<Result> untilEnds(int n) throws IOException {
        return read(n);
    }

    /** True when the proxy closed the connection within {@code millis} (anything it sent is skipped). */
    public boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            socket.setSoTimeout(20_000);
        }
    }

    public void timeout(int millis) throws IOException { socket.setSoTimeout(millis); }

    private List<Result> read(int ends) throws IOException {
        List<Result> results = new ArrayList<>();
        Result current = new Result();
        long total = 0;
        int ended = 0;
        while (true) {
            int tag = in.read();
            if (tag < 0) throw new EOFException("connection closed; so far " + results + " " + current);
            int len = in.readInt();
            int bodyLen = len - 4;
            total += 1L + len;
            if (total > READ_CAP) {
                throw new AssertionError("unbounded: more than " + READ_CAP + " bytes for one batch; so far " + results
                        + " " + current);
            }
            byte[] body = null;
            boolean keepRow = tag == 'D' && current.dataRows == 0 && bodyLen <= KEEP_BODY;
            if (keepRow || "ENCZKSRAGt".indexOf(tag) >= 0 && bodyLen <= KEEP_BODY) {
                body = new byte[bodyLen];
                in.readFully(body);
            } else {
                skip(bodyLen);
            }
            char t = (char) tag;
            switch (t) {
                case 'Z' -> {
                    status = (char) body[0];
                    if (!current.isEmpty()) results.add(current);
                    return results;
                }
                case 'S', 'K', 'R' -> {
                    if (t == 'K') {
                        backendPid = java.nio.ByteBuffer.wrap(body).getInt(0);
                        secret = java.nio.ByteBuffer.wrap(body).getInt(4);
                    }
                    continue;
                }
                case 'N' -> {
                    Map<Character, String> f = body == null ? Map.of() : fields(body);
                    String m = f.getOrDefault('M', "");
                    if (m.startsWith("pgaw")) {
                        // a guard notice after the statement's end belongs to that statement
                        Result owner = current.isEmpty() && !results.isEmpty() ? results.get(results.size() - 1) : current;
                        owner.guardNotices.add(m);
                        owner.bytes += 1L + len;
                        continue;
                    }
                    current.notices++;
                    if (current.otherNotices.size() < 5) current.otherNotices.add(Result.abbreviate(m));
                }
                case 'A' -> current.notices++;
                case 'D' -> {
                    if (current.dataRows++ == 0 && body != null) current.firstRow = firstValue(body);
                }
                case 't' -> {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(body);
                    int[] oids = new int[b.getShort()];
                    for (int i = 0; i < oids.length; i++) oids[i] = b.getInt();
                    current.paramTypes = oids;
                }
                case 'd' -> current.copyRows++;
                case 'G' -> {
                    // COPY FROM STDIN reached the server: a write path is open. End it; the test sees the 'G'.
                    out.write(Pg.message('f', new Pg.Body().str("attack suite sends no data").done()));
                    if (extendedCopy) out.write(Pg.sync());
                    out.flush();
                }
                default -> { }
            }
            current.tags.append(t);
            current.bytes += 1L + len;
            if (t == 'C' || t == 'I' || t == 'E' || t == 's' || t == 'V') {
                current.end = t;
                current.endNanos = System.nanoTime() - sentAt;
                current.continued = suspended;
                suspended = t == 's';
                if (t == 'C') current.commandTag = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
                if (t == 'E') {
                    current.error = body == null ? Map.of('M', "<huge error>") : fields(body);
                    if (backendPid == 0 && startupError == null) startupError = current.error.toString();
                }
                results.add(current);
                current = new Result();
                if (++ended >= ends) return results;
            }
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) throw new EOFException("connection closed inside a message");
                k = 1;
            }
            n -= k;
        }
    }

    /** The first column of a DataRow as text (null for SQL NULL). */
    static String firstValue(byte[] row) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(row);
        if (b.getShort() == 0) return null;
        int len = b.getInt();
        return len < 0 ? null : new String(row, 6, len, StandardCharsets.UTF_8);
    }

    static Map<Character, String> fields(byte[] body) {
        Map<Character, String> f = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length && body[i] != 0) {
            char code = (char) body[i++];
            int end = i;
            while (end < body.length && body[end] != 0) end++;
            f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
            i = end + 1;
        }
        return f;
    }

    @Override
    public void close() {
        try {
            out.write(WireClient.terminate());
            out.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
