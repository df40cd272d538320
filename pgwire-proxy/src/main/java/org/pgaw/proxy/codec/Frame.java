package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One or more whole tagged messages: the retained bytes of tag, length and body, exactly as received, so they can
 * be relayed without re-encoding. Consecutive messages the proxy does not inspect (a run of DataRows or CopyData)
 * travel as one Frame: one object and one write per read instead of one per row. With guards a run has one tag; a
 * session without guards relays runs of mixed tags ({@link #tag()} is the first message's, {@link #lastTag()} the
 * last's). Inspected messages always come one per Frame. Whoever receives a Frame owns one reference.
 */
public final class Frame extends DefaultByteBufHolder {
    private final byte tag;
    private final int messages;
    private final byte lastTag;

    public Frame(byte tag, ByteBuf wholeMessage) {
        this(tag, wholeMessage, 1, tag);
    }

    public Frame(byte tag, ByteBuf wholeMessages, int messages, byte lastTag) {
        super(wholeMessages);
        this.tag = tag;
        this.messages = messages;
        this.lastTag = lastTag;
    }

    /** The tag of the (first) message. */
    public byte tag() { return tag; }

    /** The tag of the last message: the same as {@link #tag()} except in a mixed run. */
    public byte lastTag() { return lastTag; }

    /** How many messages this frame holds (1 unless a run of uninspected messages). */
    public int messages() { return messages; }

    /** Length of the body, without tag and length field (of a single message). */
    public int bodyLength() { return content().readableBytes() - 5; }

    /** The body as a slice sharing this frame's reference (do not release it separately). */
    public ByteBuf body() { return content().slice(content().readerIndex() + 5, bodyLength()); }

    @Override
    public String toString() { return "Frame(" + (char) tag + " x" + messages + ", " + content().readableBytes() + " bytes)"; }
}
