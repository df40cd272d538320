package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.codec.FrameDecoder;
import org.pgaw.proxy.codec.FrameException;
import org.pgaw.proxy.codec.FramePart;
import org.pgaw.proxy.codec.StartupPacket;
import org.pgaw.proxy.guard.gate.StartupSettings;
import org.pgaw.proxy.protocol.BackendTag;
import org.pgaw.proxy.protocol.FrontendTag;
import org.pgaw.proxy.protocol.MessageWriter;
import org.pgaw.proxy.protocol.ProxyMessage;
import org.pgaw.proxy.protocol.ProxyMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and the backend connection made for it. Both channels run on the same event loop, so the
 * state below is only ever touched by one thread. What a startup packet leads to is decided in
 * {@link StartupPackets}; the cancel key lives in {@link CancelKey}, the guards in {@link GuardSession}.
 *
 * <pre>
 *  ACCEPTED ──SSLRequest──▶ 'S', TLS handshake ──┐         (direct TLS: first byte 0x16, handshake at once)
 *     │                                          ▼
 *     └─────────────── StartupMessage ──▶ CONNECTING ──backend TCP (+ SSLRequest/TLS)──▶ AUTHENTICATING
 *  CancelRequest ──▶ forward with the real key ──▶ close            (auth relayed untouched, minus -PLUS)
 *                                                        │ BackendKeyData: real pid, proxy secret
 *                                                        ▼ first ReadyForQuery
 *                            READY ◀──ReadyForQuery── BUSY (client sent anything since the last ReadyForQuery)
 *  simple query:   Q ─────────────▶ [T D* | G/H d* c] C ... Z
 *  extended query: P B D E ... S ─▶ 1 2 T D* (C | s) ... Z         (PortalSuspended when the row limit was hit)
 *  any state ──client gone──▶ cancel the running query, Terminate, close backend
 *  any state ──backend gone─▶ FATAL 08006 to the client, close
 * </pre>
 */
public final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    enum State { ACCEPTED, CONNECTING, AUTHENTICATING, READY, CLOSED }

    private final ProxyContext px;
    private final Channel client;
    private final InetAddress clientAddress;
    private Channel backend;
    private State state = State.ACCEPTED;
    private final ClientEncryption encryption;
    private final StartupPackets startupPackets;
    private final CancelKey key;
    private StartupPacket.StartupMessage startup;
    /** The client sent something since the last ReadyForQuery: a statement may be running. */
    private boolean busy;
    /** A cancel this session forwarded has not finished yet (event-loop thread only). */
    private boolean cancelInFlight;
    /** A streamed message is half way through towards the client: nothing may be injected now. */
    private boolean clientMidMessage;
    /** The backend's last message was its own FATAL: when it then closes, there is nothing to add. */
    private boolean backendSaidFatal;
    private boolean terminating;
    private boolean closeWhenIdle;
    /** Byte counts of the current read, added to the metrics once per read rather than once per message. */
    private long bytesFromClient;
    private long bytesToClient;
    /** Small writes for the client waiting for the end of the read, merged where they continue each other. */
    private final WriteCoalescer toClient = new WriteCoalescer();
    /** Null when the guards are off for this session (disabled, or an exempt role). */
    private GuardSession guard;
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();
    /** The teacher's console names the session by this number (nothing the learner sent). */
    private final long id = IDS.incrementAndGet();
    /** System.nanoTime() when the client last sent something after a ReadyForQuery (the statement's start). */
    private long busySince;
    /** The user whose per-user session slot this session holds (after AuthenticationOk), or null. */
    private String countedUser;

    Session(ProxyContext px, Channel client) {
        this.px = px;
        this.client = client;
        this.clientAddress = ((InetSocketAddress) client.remoteAddress()).getAddress();
        this.encryption = new ClientEncryption(px, client, clientAddress);
        this.startupPackets = new StartupPackets(px, this, client, encryption);
        this.key = new CancelKey(px, this);
    }

    ClientEncryption encryption() { return encryption; }

    int clientSecret() { return key.clientSecret(); }

    // ---------------------------------------------------------------- startup

    void clientActive() {
        px.sessions.add(this);
        px.metrics.connectionOpened();
        startupPackets.admit(clientAddress, this::startupTimedOut);
    }

    void onStartupPacket(ChannelHandlerContext ctx, StartupPacket packet) {
        startupPackets.on(ctx, packet, state == State.ACCEPTED);
    }

    /** An accepted StartupMessage: the backend connection is opened for it. */
    void start(ChannelHandlerContext ctx, StartupPacket.StartupMessage m) {
        startup = m;
        guard = GuardPolicies.sessionFor(px, this, m);
        String startupSettings = guard == null ? null : StartupSettings.refusal(m.parameters());
        if (startupSettings != null) {
            fatalToClient(ProxyMessages.startupSettingRefused(startupSettings));
            return;
        }
        state = State.CONNECTING;
        ctx.pipeline().replace("startup", "frames",
                startupPackets.decoderUntilAuthenticated(guard == null ? px.frontendRelayLimits : px.frontendLimits));
        client.config().setAutoRead(false); // nothing more from the client until the backend is there
        BackendConnector.connect(px, this, client, key, guard != null, m.user());
    }

    /** The backend's TCP connection is up: ask for TLS first when configured, else start up at once. */
    void backendConnected(Channel ch) {
        backend = ch;
        if (state == State.CLOSED) {
            backend.close();
        } else if (px.backendTls.enabled()) {
            backend.writeAndFlush(MessageWriter.sslRequest(backend.alloc()));
        } else {
            sendStartupToBackend();
        }
    }

    void backendUnreachable(String why) {
        px.metrics.error("backend_connect");
        log.warn("cannot reach the backend {}: {}", px.config.backend(), why);
        fatalToClient(ProxyMessages.backendUnavailable(why));
    }

    ProxyContext context() {
        return px;
    }

    void sendStartupToBackend() {
        state = State.AUTHENTICATING;
        backend.writeAndFlush(StartupPackets.forBackend(backend, startup, guard == null ? java.util.Map.of() : guard.serverLimits()));
        toClient.drain(client);
        client.flush();
        updateAutoRead();
    }

    private void startupTimedOut() {
        if (state == State.READY || state == State.CLOSED) return;
        px.metrics.connectionRejected("startup_timeout");
        log.info("closing connection from {}: startup not complete within {}", clientAddress,
                px.config.limits().startupTimeout());
        if (startup != null) fatalToClient(ProxyMessages.startupTimeout(px.config.limits().startupTimeout()));
        else closeAll();
    }

    // ---------------------------------------------------------------- relay

    /** A message (or piece) from the client. Returns false when it was not taken (the caller releases it). */
    boolean fromClient(Object msg) {
        if (backend == null || state == State.CLOSED) return false;
        if (guard != null && state == State.READY) {
            if (guard.holding()) {
                guard.hold(msg);
                client.config().setAutoRead(false);
                return true;
            }
            if (msg instanceof Frame f) {
                msg = guard.fromClient(f);
                if (msg == null) return true; // answered by the guard
            } else if (msg instanceof FramePart p && !guard.fromClientPart(p)) {
                return true; // held or refused by the guard
            }
        }
        ByteBuf bytes;
        if (msg instanceof Frame f) {
            if (f.lastTag() == FrontendTag.TERMINATE) terminating = true;
            bytes = f.content();
        } else if (msg instanceof FramePart p) {
            bytes = p.content();
        } else {
            return false;
        }
        if (!busy) busySince = System.nanoTime();
        busy = true;
        bytesFromClient += bytes.readableBytes();
        backend.write(bytes, backend.voidPromise());
        return true;
    }

    /** A message (or piece) from the backend. Returns false when it was not taken (the caller releases it). */
    boolean fromBackend(Object msg) {
        if (state == State.CLOSED) return false;
        if (msg instanceof FramePart p) {
            clientMidMessage = !p.last();
            if (guard != null && guard.fromBackend(p)) return true;
            return writeToClient(p.content());
        }
        if (!(msg instanceof Frame f)) return false;
        // Only the server's own FATAL (or PANIC) is its last word; after a plain ERROR a close is still a loss.
        backendSaidFatal = f.lastTag() == BackendTag.ERROR_RESPONSE && WireText.endsWithFatal(f);
        ProxyMessage standbyStopping = backendSaidFatal ? key.standbyStopping(f) : null;
        if (standbyStopping != null) { fatalToClient(standbyStopping); return false; }
        if (guard != null && f.tag() == BackendTag.ERROR_RESPONSE) f = TooLongStatements.reword(f, client.alloc());
        if (guard != null && guard.fromBackend(f)) return true;
        switch (f.tag()) {
            case BackendTag.AUTHENTICATION:
                if (!admitUser(f)) return false;
                if (Authentication.isOk(f)) startupPackets.authenticated();
                return writeToClient(Authentication.withoutChannelBinding(f));
            case BackendTag.BACKEND_KEY_DATA:
                onBackendKeyData(f);
                return false;
            default:
                // A ReadyForQuery is always a frame's last message (alone, or the end of a run without guards).
                if (f.lastTag() == BackendTag.READY_FOR_QUERY) onReadyForQuery();
                return writeToClient(f.content());
        }
    }

    /**
     * On AuthenticationOk (PostgreSQL accepted the password: the user is now who they said), a guarded session takes
     * one of its user's slots; over the per-user limit it ends with FATAL 53300. Exempt roles are not counted.
     */
    private boolean admitUser(Frame f) {
        ByteBuf body = f.body();
        boolean authenticationOk = body.readableBytes() >= 4 && body.getInt(body.readerIndex()) == 0;
        if (!authenticationOk || guard == null || countedUser != null) return true;
        if (!px.limiter.acquireUser(startup.user())) {
            px.metrics.connectionRejected("max_sessions_per_user");
            log.info("refusing session of user={} from {}: {} sessions already", startup.user(), clientAddress,
                    px.limiter.maxPerUser());
            fatalToClient(ProxyMessages.tooManySessionsForUser(px.limiter.maxPerUser()));
            return false;
        }
        countedUser = startup.user();
        return true;
    }

    private void onBackendKeyData(Frame f) {
        ByteBuf keyData = key.issue(f.body(), client.alloc());
        if (keyData != null) writeToClient(keyData);
        else backendFailed(new FrameException(ProxyMessages.protocolViolation("unexpected BackendKeyData length")));
    }

    private void onReadyForQuery() {
        busy = false;
        if (state != State.READY) {
            state = State.READY;
            startupPackets.done();
            if (guard == null) ((FrameDecoder) backend.pipeline().get("frames")).limits(px.backendRelayLimits);
            log.info("session pid={} user={} database={} application={} from {}{}", key.backendPid(), startup.user(),
                    startup.database(), startup.applicationName(), clientAddress, encryption.active() ? " (TLS)" : "");
        }
        if (closeWhenIdle) client.eventLoop().execute(() -> fatalToClient(ProxyMessages.shuttingDown()));
    }

    void flushBackend() {
        if (backend != null) backend.flush();
        if (bytesFromClient > 0) {
            px.metrics.bytesFromClient(bytesFromClient);
            bytesFromClient = 0;
        }
    }

    void flushClient() {
        toClient.drain(client);
        client.flush();
        if (bytesToClient > 0) {
            px.metrics.bytesToClient(bytesToClient);
            bytesToClient = 0;
        }
    }

    /** Backpressure: read a side only while the other side can take more. */
    void updateAutoRead() {
        if (state == State.CLOSED) return;
        if (backend != null && state != State.CONNECTING) {
            // Also while the client reads nothing: what the proxy answers itself (refusals, notices) must not pile up.
            client.config().setAutoRead(backend.isWritable() && client.isWritable() && (guard == null || !guard.holding()));
            backend.config().setAutoRead(client.isWritable());
        }
    }

    // ---------------------------------------------------------------- cancel and shutdown

    /** A client's CancelRequest named this session (it may arrive on another event loop). */
    void cancelFromClient() {
        client.eventLoop().execute(() -> {
            if (guard == null || !guard.cancelWait()) cancelRunningQuery("client CancelRequest");
        });
    }

    /**
     * Forwards a cancel to the backend, only while a statement may run (a late cancel would hit the next one), and
     * one at a time: each forwarded cancel makes PostgreSQL fork a process, so a client repeating its CancelRequest
     * (or a script flooding them) gets no more than the one in flight; a repeat after it took effect goes through.
     */
    void cancelRunningQuery(String why) {
        if (!key.registered() || !busy || state == State.CLOSED) {
            px.metrics.cancelRequest("not_running");
            return;
        }
        if (cancelInFlight) {
            px.metrics.cancelRequest("already_in_flight");
            return;
        }
        cancelInFlight = true;
        px.metrics.cancelRequest("forwarded");
        key.cancel(client.eventLoop(), why, () -> cancelInFlight = false);
    }

    // ---------------------------------------------------------------- the teacher's console

    public long id() { return id; }

    /** A copy of what the console shows, taken on this session's event loop (its fields are that thread's). */
    public java.util.concurrent.CompletableFuture<SessionView> view() {
        java.util.concurrent.CompletableFuture<SessionView> out = new java.util.concurrent.CompletableFuture<>();
        try {
            client.eventLoop().execute(() -> out.complete(SessionViews.of(this, startup, clientAddress, state.name(), busy,
                    busySince, guard)));
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            out.complete(null); // the proxy is stopping: the session is as good as gone
        }
        return out;
    }

    /** The teacher's cancel: PostgreSQL answers the learner's statement with ERROR 57014, as after Ctrl-C. */
    public void cancelByTeacher() {
        client.eventLoop().execute(() -> cancelRunningQuery("teacher"));
    }

    /** The teacher's "end session": what runs is cancelled, the learner reads FATAL 57P01 and the session closes. */
    public void endByTeacher() {
        client.eventLoop().execute(() -> {
            if (state == State.CLOSED) return;
            if (busy) cancelRunningQuery("teacher ended the session");
            if (clientMidMessage) closeAll();
            else fatalToClient(ProxyMessages.endedByTeacher());
        });
    }

    /** A guard acted (or the teacher did): one event for the console's feed. */
    void guardEvent(String action, String statement, String message) {
        px.events.add(SessionViews.event(startup, action, statement, message));
    }

    // ---------------------------------------------------------------- services for the guards

    /** A guard's own cancel: sent even between a statement's rows; {@code delivered} runs once it took effect. */
    void guardCancel(Runnable delivered) {
        key.cancel(client.eventLoop(), "guard", delivered);
    }

    void writeToBackend(ByteBuf bytes) {
        backend.writeAndFlush(bytes, backend.voidPromise());
    }

    /** Queues bytes for the client (flushed at the end of the read); always true: the bytes were taken. */
    boolean writeToClient(ByteBuf bytes) {
        bytesToClient += bytes.readableBytes();
        toClient.write(client, bytes);
        return true;
    }

    void execute(Runnable task) {
        client.eventLoop().execute(task);
    }

    int backendPid() { return key.backendPid(); }

    ScheduledFuture<?> schedule(Runnable task, long millis) {
        return client.eventLoop().schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    org.pgaw.proxy.ops.ProxyMetrics metrics() { return px.metrics; }

    io.netty.buffer.ByteBufAllocator alloc() { return client.alloc(); }

    void closeWithFatal(ProxyMessage m) {
        client.eventLoop().execute(() -> fatalToClient(m));
    }

    /** Queues a notice or error the proxy makes for the client, with the client channel's allocator. */
    void sendToClient(ProxyMessage m) {
        writeToClient(MessageWriter.errorOrNotice(client.alloc(), m));
    }

    /** Graceful shutdown: idle sessions end now, busy ones when their statement completes. */
    public void shutdownGracefully() {
        client.eventLoop().execute(() -> {
            if (state != State.READY || !busy) fatalToClient(ProxyMessages.shuttingDown());
            else closeWhenIdle = true;
        });
    }

    /** End of the grace period: cancel what still runs and close. */
    public void shutdownNow() {
        client.eventLoop().execute(() -> {
            if (state == State.CLOSED) return;
            cancelRunningQuery("shutdown");
            if (clientMidMessage) closeAll();
            else fatalToClient(ProxyMessages.shuttingDown());
        });
    }

    // ---------------------------------------------------------------- endings

    void clientClosed() {
        if (state == State.CLOSED) return;
        if (!terminating && busy) {
            px.metrics.error("client_lost");
            cancelRunningQuery("client went away");
        }
        if (backend != null && backend.isActive() && !terminating) {
            backend.writeAndFlush(MessageWriter.terminate(backend.alloc()));
        }
        closeAll();
    }

    void backendClosed() {
        if (state == State.CLOSED) return;
        if (!terminating && !backendSaidFatal && !clientMidMessage) {
            px.metrics.error("backend_lost");
            fatalToClient(key.lost(ProxyMessages.backendLost()));
        } else {
            closeWhenClientHasItAll(); // the backend's own FATAL (and the rows before it) may still be queued
        }
    }

    void clientFailed(Throwable cause) {
        if (cause instanceof FrameException fe) {
            px.metrics.error("protocol");
            log.info("closing connection from {}: {}", clientAddress, fe.reply().message());
            if (busy) cancelRunningQuery("client protocol violation"); // closing the socket would not stop it
            fatalToClient(fe.reply());
        } else {
            log.debug("client {} failed: {}", clientAddress, cause.toString());
            clientClosed();
        }
    }

    void backendFailed(Throwable cause) {
        if (state == State.CLOSED) return;
        boolean protocol = cause instanceof FrameException;
        px.metrics.error(protocol ? "protocol" : "backend_lost");
        log.warn("backend connection for pid {} failed: {}", key.backendPid(), cause.toString());
        if (clientMidMessage) closeAll();
        else fatalToClient(protocol
                ? ProxyMessages.backendLost("The server sent a message PostgreSQL never sends: " + ((FrameException) cause).reply().message())
                : key.lost(ProxyMessages.backendLost()));
    }

    void clientEvent(Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
            log.debug("TLS handshake with {} failed: {}", clientAddress, e.cause().toString());
            closeAll();
        }
    }

    /** Sends a FATAL (or any) message to the client, then closes both sides. */
    void fatalToClient(ProxyMessage m) {
        if (state == State.CLOSED) return;
        if (client.isActive() && !clientMidMessage) {
            toClient.drain(client);
            client.writeAndFlush(MessageWriter.errorOrNotice(client.alloc(), m)).addListener(f -> closeAll());
            state = State.CLOSED;
            if (backend != null) backend.config().setAutoRead(false);
            // A client that does not read would keep the message (and us) waiting: close regardless, soon.
            client.eventLoop().schedule(this::closeAll, 5, TimeUnit.SECONDS);
            return;
        }
        closeAll();
    }

    /** Closes both sides once what is queued for the client is written (a client that does not read gets 5 s). */
    private void closeWhenClientHasItAll() {
        if (!client.isActive()) {
            closeAll();
            return;
        }
        state = State.CLOSED;
        if (backend != null) backend.config().setAutoRead(false);
        toClient.drain(client);
        client.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> closeAll());
        client.eventLoop().schedule(this::closeAll, 5, TimeUnit.SECONDS);
    }

    private void closeAll() {
        if (state != State.CLOSED) state = State.CLOSED;
        if (guard != null) guard.close();
        toClient.discard();
        startupPackets.done();
        key.unregister();
        if (px.sessions.remove(this)) {
            if (guard != null && startup != null) px.events.sessionEnded(startup.user(), guard.statements(), guard.errors());
            px.limiter.release(clientAddress);
            if (countedUser != null) px.limiter.releaseUser(countedUser);
            px.metrics.connectionClosed();
        }
        client.close();
        if (backend != null) backend.close();
    }
}
