package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import org.pgaw.proxy.protocol.MessageWriter;

/**
 * One session's cancel key. The client gets the backend's real pid (pgAdmin cancels with pg_cancel_backend(pid) on
 * another connection) and a secret the proxy issues; the backend's own secret never leaves the proxy. The session
 * is findable by its key from the backend's BackendKeyData until it ends.
 */
final class CancelKey {
    private final ProxyContext px;
    private final Session session;
    private int backendPid;
    private int backendSecret;
    private int clientSecret;
    private boolean registered;

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

    int backendPid() { return backendPid; }

    int clientSecret() { return clientSecret; }

    /** Sends a cancel with the real key; {@code delivered} runs once it took effect. */
    void cancel(EventLoop loop, String why, Runnable delivered) {
        px.cancelForwarder.cancel(loop, backendPid, backendSecret, why, delivered);
    }

    void unregister() {
        if (!registered) return;
        px.cancels.unregister(backendPid, session);
        registered = false;
    }
}
