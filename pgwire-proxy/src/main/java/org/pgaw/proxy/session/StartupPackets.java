package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.codec.FrameDecoder;
import org.pgaw.proxy.codec.FrameLimits;
import org.pgaw.proxy.codec.StartupPacket;
import org.pgaw.proxy.protocol.MessageWriter;
import org.pgaw.proxy.protocol.ProxyMessage;
import org.pgaw.proxy.protocol.ProxyMessages;

/**
 * What a client's startup packets lead to: SSLRequest and GSSENCRequest go to {@link ClientEncryption}; a
 * CancelRequest is forwarded to the session it names; a StartupMessage starts the session unless a connection
 * limit, the TLS requirement or a shutdown refuses it, and a client asking for protocol 3.2 or {@code _pq_} options
 * is told, with NegotiateProtocolVersion, that the proxy speaks 3.0 without them. The startup clock runs from the
 * accept (so it covers a TLS handshake) until the session is ready for queries. Until the backend's
 * AuthenticationOk the client may send only authentication replies, and counts among its address's connections
 * still logging in ({@code limits.max_unauthenticated_per_ip}).
 */
final class StartupPackets {
    private final ProxyContext px;
    private final Session session;
    private final Channel client;
    private final ClientEncryption encryption;
    private ConnectionLimiter.Verdict verdict;
    private ScheduledFuture<?> clock;
    private InetAddress address;
    /** Counted among its address's connections that have not finished authentication. */
    private boolean unauthenticated;
    private boolean tooManyUnauthenticated;
    /** The client frame limits once authentication has ended (with or without guards). */
    private FrameLimits afterAuthentication;

    StartupPackets(ProxyContext px, Session session, Channel client, ClientEncryption encryption) {
        this.px = px;
        this.session = session;
        this.client = client;
        this.encryption = encryption;
    }

    /** A new connection counts against the limits at once (if over, it is told so at its StartupMessage). */
    void admit(InetAddress address, Runnable timedOut) {
        this.address = address;
        verdict = px.limiter.acquire(address);
        unauthenticated = true;
        ConnectionLimiter.Verdict unauth = px.unauthenticated.acquire(address);
        if (verdict == ConnectionLimiter.Verdict.ACCEPTED && unauth != ConnectionLimiter.Verdict.ACCEPTED) {
            verdict = unauth;
            tooManyUnauthenticated = true;
        }
        long timeout = px.config.limits().startupTimeout().toMillis();
        // A connection refused for limits gets a short fuse: it only waits for its startup packet to be told why.
        if (verdict != ConnectionLimiter.Verdict.ACCEPTED) timeout = Math.min(timeout, 5_000);
        clock = client.eventLoop().schedule(timedOut, timeout, TimeUnit.MILLISECONDS);
    }

    /** The session is ready for queries, or closed: the startup clock stops. */
    void done() {
        if (clock != null) clock.cancel(false);
        authenticated();
    }

    /**
     * The client's decoder for after the StartupMessage: until authentication ends only authentication replies of
     * PostgreSQL's own sizes may come (anything else is refused at its header, nothing of it held); then
     * {@code next}.
     */
    FrameDecoder decoderUntilAuthenticated(FrameLimits next) {
        afterAuthentication = next;
        return new FrameDecoder(px.authenticationLimits);
    }

    /** The backend said AuthenticationOk (or the session ended): the client's own limits apply from now on. */
    void authenticated() {
        if (afterAuthentication != null && client.pipeline().get("frames") instanceof FrameDecoder d) {
            d.limits(afterAuthentication);
        }
        afterAuthentication = null;
        if (unauthenticated) {
            unauthenticated = false;
            px.unauthenticated.release(address);
        }
    }

    /** A startup packet; {@code expected} is false once the session is past its startup. */
    void on(ChannelHandlerContext ctx, StartupPacket packet, boolean expected) {
        if (!expected) {
            session.fatalToClient(ProxyMessages.protocolViolation("unexpected startup packet"));
            return;
        }
        if (packet instanceof StartupPacket.SslRequest p) {
            encryption.onSslRequest(ctx, p);
        } else if (packet instanceof StartupPacket.GssEncRequest p) {
            encryption.onGssEncRequest(ctx, p);
        } else if (packet instanceof StartupPacket.CancelRequest c) {
            cancel(c);
        } else if (packet instanceof StartupPacket.StartupMessage m) {
            startup(ctx, m);
        }
    }

    private void cancel(StartupPacket.CancelRequest c) {
        Session target = px.cancels.find(c.pid(), c.secret());
        if (target == null) {
            // Not ours: with several proxies it may be a peer's session (a forwarded cancel is never forwarded again).
            if (px.cluster.forwarder() != null) px.cluster.forwarder().forward(client.eventLoop(), c.pid(), intOf(c.secret()));
            else px.metrics.cancelRequest("bad_key");
        } else {
            target.cancelFromClient();
        }
        client.close(); // libpq waits for this close before it reports the cancel as sent
    }

    private static int intOf(byte[] b) {
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private void startup(ChannelHandlerContext ctx, StartupPacket.StartupMessage m) {
        ProxyMessage refusal = refusal();
        if (refusal != null) {
            session.fatalToClient(refusal);
            return;
        }
        if (m.minor() > 0 || !m.protocolOptions().isEmpty()) {
            // We speak 3.0 and no _pq_ options: say so instead of failing, as PostgreSQL itself does.
            client.write(MessageWriter.negotiateProtocolVersion(client.alloc(), 0, m.protocolOptions()));
        }
        session.start(ctx, m);
    }

    /** Why a StartupMessage may not start a session (counted in the metrics), or null when it may. */
    private ProxyMessage refusal() {
        if (verdict == ConnectionLimiter.Verdict.TOO_MANY) {
            px.metrics.connectionRejected("max_connections");
            return ProxyMessages.tooManyConnections(px.config.limits().maxConnections());
        }
        if (tooManyUnauthenticated) {
            px.metrics.connectionRejected("max_unauthenticated_per_ip");
            return ProxyMessages.tooManyUnauthenticated(px.config.limits().maxUnauthenticatedPerIp());
        }
        if (verdict == ConnectionLimiter.Verdict.TOO_MANY_FROM_ADDRESS) {
            px.metrics.connectionRejected("max_connections_per_ip");
            return ProxyMessages.tooManyConnectionsFromAddress(px.config.limits().maxConnectionsPerIp());
        }
        if (px.config.tls() != null && px.config.tls().require() && !encryption.active()) {
            px.metrics.connectionRejected("tls_required");
            return ProxyMessages.tlsRequired();
        }
        if (px.shuttingDown) return ProxyMessages.shuttingDown();
        return null;
    }

    /** The StartupMessage the proxy sends the backend: the client's parameters, in the client's order. */
    static ByteBuf forBackend(Channel backend, StartupPacket.StartupMessage m) {
        return forBackend(backend, m, Map.of());
    }

    /** With {@code overrides} replacing or adding parameters (a guarded session's server-side limits). */
    static ByteBuf forBackend(Channel backend, StartupPacket.StartupMessage m, Map<String, String> overrides) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : m.parameters().entrySet()) {
            if (overrides.containsKey(e.getKey())) continue;
            pairs.add(e.getKey());
            pairs.add(e.getValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            pairs.add(e.getKey());
            pairs.add(e.getValue());
        }
        return MessageWriter.startupMessage(backend.alloc(), pairs);
    }
}
