package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A piece of a message too large to hold whole (a 500 MB DataRow or CopyData): the first piece starts with the
 * tag and length, later pieces carry only body bytes. Relaying pieces as they arrive keeps proxy memory bounded.
 */
public final class FramePart extends DefaultByteBufHolder {
    private final byte tag;
    private final long messageLength;
    private final boolean first;
    private final boolean last;

    public FramePart(byte tag, long messageLength, ByteBuf piece, boolean first, boolean last) {
        super(piece);
        this.tag = tag;
        this.messageLength = messageLength;
        this.first = first;
        this.last = last;
    }

    public byte tag() { return tag; }

    /** The whole message's size on the wire (tag + length field + body). */
    public long messageLength() { return messageLength; }

    public boolean first() { return first; }

    public boolean last() { return last; }

    @Override
    public String toString() {
        return "FramePart(" + (char) tag + ", " + content().readableBytes() + " of " + messageLength
                + (first ? ", first" : "") + (last ? ", last" : "") + ")";
    }
}
