package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import org.pgaw.proxy.cluster.BackendRoute;
import org.pgaw.proxy.protocol.MessageWriter;
import org.pgaw.proxy.protocol.ProxyMessage;
import org.pgaw.proxy.protocol.ProxyMessages;

/**
 * One session's cancel key. The client gets the backend's real pid (pgAdmin cancels with pg_cancel_backend(pid) on
 * another connection) and a secret the proxy issues; the backend's own secret never leaves the proxy. The session
 * is findable by its key from the backend's BackendKeyData until it ends. The key also knows which server the
 * session runs on (its {@link BackendRoute}): a cancel must reach that server, the pid means nothing elsewhere.
 */
final class CancelKey {
    private final ProxyContext px;
    private final Session session;
    private int backendPid;
    private int backendSecret;
    private int clientSecret;
    private boolean registered;
    private BackendRoute route;

    CancelKey(ProxyContext px, Session session) {
        this.px = px;
        this.session = session;
    }

    /** The backend's key (a BackendKeyData body): registers the session, returns the client's BackendKeyData. */
    ByteBuf issue(ByteBuf body, ByteBufAllocator alloc) {
        // Protocol 3.2 keys are longer; we asked for 3.0, so anything else is a broken backend (null: the caller fails it).
        if (body.readableBytes() != 8) return null;
        backendPid = body.getInt(body.readerIndex());
        backendSecret = body.getInt(body.readerIndex() + 4);
        clientSecret = px.cancels.newSecret();
        px.cancels.register(backendPid, session);
        registered = true;
        return MessageWriter.backendKeyData(alloc, backendPid, clientSecret);
    }

    boolean registered() { return registered; }

    /** The server chosen for this session; released when the session ends (see {@link #unregister()}). */
    void routedTo(BackendRoute r) {
        if (route != null) route.release();
        route = r;
    }

    BackendRoute route() { return route; }

    /**
     * What the client is told when the backend connection is lost: on a standby, that the replica stopped and a
     * reconnect lands on another one (and the pool checks that standby at once); elsewhere {@code usual}.
     */
    ProxyMessage lost(ProxyMessage usual) {
        if (route == null || !route.onStandby()) return usual;
        route.serverTrouble(false);
        return ProxyMessages.standbyLost(null);
    }

    /**
     * The server's own FATAL on a standby that is shutting down, crashed or restarting (57P01..57P03): the learner
     * gets the proxy's words (PostgreSQL's as the detail), and the pool checks that standby at once. Null otherwise.
     */
    ProxyMessage standbyStopping(org.pgaw.proxy.codec.Frame fatal) {
        if (route == null || !route.onStandby() || fatal.tag() != fatal.lastTag()) return null;
        String state = WireText.errorField(fatal.body(), 'C');
        if (state == null || !state.startsWith("57P0")) return null;
        route.serverTrouble(false);
        return ProxyMessages.standbyLost(WireText.errorField(fatal.body(), 'M'));
    }

    int backendPid() { return backendPid; }

    int clientSecret() { return clientSecret; }

    /** Sends a cancel with the real key; {@code delivered} runs once it took effect. */
    void cancel(EventLoop loop, String why, Runnable delivered) {
        if (route == null) px.cancelForwarder.cancel(loop, backendPid, backendSecret, why, delivered);
        else px.cancelForwarder.cancel(loop, route.address(), backendPid, backendSecret, why, delivered);
    }

    void unregister() {
        if (route != null) route.release();
        if (!registered) return;
        px.cancels.unregister(backendPid, session);
        registered = false;
    }
}
