package org.pgaw.proxy.codec;

import io.netty.handler.codec.DecoderException;
import org.pgaw.proxy.protocol.ProxyMessage;

/** A peer sent bytes that are not a valid or acceptable message; carries the FATAL error to send, if any. */
public final class FrameException extends DecoderException {
    private final transient ProxyMessage reply;

    public FrameException(ProxyMessage reply) {
        super(reply.message());
        this.reply = reply;
    }

    public ProxyMessage reply() { return reply; }
}
