package org.pgaw.proxy.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pgaw.proxy.config.HostPort;

/**
 * A scripted PostgreSQL server on a loopback port, for fault tests: it takes the startup packet, answers
 * AuthenticationOk, BackendKeyData (its own pid and secret per connection), ParameterStatus and ReadyForQuery, then
 * plays the next {@link Script} (one per connection, in order) with raw bytes. A reader thread per connection
 * records every message it receives; CancelRequests (on new connections, as PostgreSQL gets them) are recorded too.
 */
public final class FakeBackend implements AutoCloseable {
    public static final int CANCEL_REQUEST_CODE = 80877102;

    /** What a script does with its connection once the proxy's session is ready for queries. */
    @FunctionalInterface
    public interface Script {
        void play(Conn c) throws Exception;
    }

    public record Cancel(int pid, int secret) { }

    /** A message the fake received from the proxy. */
    public record Received(char tag, byte[] body) {
        public String text() {
            int end = body.length > 0 && body[body.length - 1] == 0 ? body.length - 1 : body.length;
            return new String(body, 0, end, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Conn> sessions = new LinkedBlockingQueue<>();
    private final BlockingQueue<Cancel> cancels = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Script failures other than the connection going away (which is what fault tests provoke). */
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextPid = new AtomicInteger(7001);
    /** When set, sent instead of the normal startup answer (a server that is not PostgreSQL, a broken one). */
    private volatile byte[] startupAnswer;

    public FakeBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fake-backend-accept");
        t.setDaemon(true);
        t.start();
    }

    public HostPort address() {
        return new HostPort("127.0.0.1", server.getLocalPort());
    }

    /** Queues the script for the next connection that starts up. */
    public FakeBackend then(Script script) {
        scripts.add(script);
        return this;
    }

    /** Answers every startup packet with these bytes instead of AuthenticationOk etc., then plays the script. */
    public FakeBackend answerStartupWith(byte[] bytes) {
        startupAnswer = bytes;
        return this;
    }

    /** The next connection that completed startup, in order. */
    public Conn nextSession(long millis) throws InterruptedException {
        Conn c = sessions.poll(millis, TimeUnit.MILLISECONDS);
        if (c == null) throw new AssertionError("no session reached the fake backend within " + millis + " ms");
        return c;
    }

    /** The next CancelRequest received, or null. */
    public Cancel nextCancel(long millis) throws InterruptedException {
        return cancels.poll(millis, TimeUnit.MILLISECONDS);
    }

    public List<Throwable> failures() {
        return failures;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "fake-backend-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readInt();
            int code = in.readInt();
            if (code == CANCEL_REQUEST_CODE && length == 16) {
                cancels.add(new Cancel(in.readInt(), in.readInt()));
                s.close(); // as PostgreSQL does once it signalled the backend
                return;
            }
            in.readFully(new byte[length - 8]); // the parameters: nothing here depends on them
            Conn c = new Conn(s, in, nextPid.getAndIncrement());
            byte[] answer = startupAnswer;
            c.write(answer != null ? answer : WireClient.concat(BackendMessages.authenticationOk(),
                    BackendMessages.backendKeyData(c.pid, c.secret), BackendMessages.parameterStatus("server_version", "17.0"),
                    BackendMessages.parameterStatus("client_encoding", "UTF8"), BackendMessages.readyForQuery('I')));
            c.written.set(0); // count only what the script sends
            c.startReader();
            sessions.add(c);
            Script script = scripts.poll();
            if (script == null) {
                c.close();
                return;
            }
            script.play(c);
        } catch (IOException e) {
            // the proxy hung up: a fault test's point, visible to it through Conn.awaitEnd
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /** One backend connection made by the proxy, as the script sees it. */
    public static final class Conn {
        public final int pid;
        public final int secret;
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile String endedBy;
        /** Bytes the script's writes handed to the kernel (a write counts once it returned). */
        public final AtomicLong written = new AtomicLong();

        Conn(Socket socket, DataInputStream in, int pid) throws IOException {
            this.socket = socket;
            this.in = in;
            this.out = socket.getOutputStream();
            this.pid = pid;
            this.secret = 0x5EC0000 + pid;
        }

        private void startReader() {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        int tag = in.read();
                        if (tag < 0) throw new EOFException();
                        byte[] body = new byte[in.readInt() - 4];
                        in.readFully(body);
                        received.add(new Received((char) tag, body));
                    }
                } catch (EOFException e) {
                    endedBy = "EOF";
                } catch (IOException e) {
                    endedBy = e.toString();
                }
                ended.countDown();
            }, "fake-backend-reader");
            t.setDaemon(true);
            t.start();
        }

        /** The next message from the proxy; fails the test on a timeout. */
        public Received next(long millis) throws InterruptedException {
            Received r = received.poll(millis, TimeUnit.MILLISECONDS);
            if (r == null) throw new AssertionError("fake backend: no message within " + millis + " ms (ended: " + endedBy + ")");
            return r;
        }

        /** Waits for a Query and returns its SQL. */
        public String expectQuery() throws InterruptedException {
            Received r = next(10_000);
            if (r.tag() != 'Q') throw new AssertionError("fake backend expected a Query, got " + r.tag());
            return r.text();
        }

        /** Everything received and not yet taken by {@link #next}. */
        public List<Received> drainReceived() {
            List<Received> rest = new java.util.ArrayList<>();
            received.drainTo(rest);
            return rest;
        }

        /** True once the proxy closed (or reset) this connection; {@link #endedBy} says how. */
        public boolean awaitEnd(long millis) throws InterruptedException {
            return ended.await(millis, TimeUnit.MILLISECONDS);
        }

        public String endedBy() {
            return endedBy;
        }

        /** One write, flushed (TCP_NODELAY is on). */
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            written.addAndGet(bytes.length);
        }

        /** Writes in pieces of at most {@code piece} bytes with a pause after each, so the proxy reads them apart. */
        public void writeInPieces(byte[] bytes, int piece, long pauseMillis) throws IOException, InterruptedException {
            for (int i = 0; i < bytes.length; i += piece) {
                int n = Math.min(piece, bytes.length - i);
                out.write(bytes, i, n);
                out.flush();
                written.addAndGet(n);
                if (pauseMillis > 0) Thread.sleep(pauseMillis);
            }
        }

        public void close() throws IOException {
            socket.close();
        }
    }
}
