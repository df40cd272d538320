package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Merges consecutive writes towards one channel that are neighbouring slices of the same read buffer into one
 * write. A guarded session relays a reply as one frame per inspected message (RowDescription, a run of DataRows,
 * CommandComplete, ReadyForQuery: four writes for one {@code SELECT}); as they arrived they lie side by side in the
 * decoder's buffer, so one slice covers them all: one pipeline write and one outbound-buffer entry instead of four.
 *
 * <p>Only small writes wait here (at most {@link #MAX_HELD} bytes): large ones go to the channel at once, so its
 * writability, and with it the backpressure on the other side, still follows the bytes within a read.
 */
final class WriteCoalescer {
    static final int MAX_HELD = 16 * 1024;

    /** The bytes not yet handed to the channel, or null. */
    private ByteBuf held;

    /** Queues bytes for the channel (without flushing): merged with the held ones when they continue them. */
    void write(Channel ch, ByteBuf bytes) {
        if (held != null) {
            ByteBuf merged = held.readableBytes() + bytes.readableBytes() <= MAX_HELD ? merge(held, bytes) : null;
            if (merged != null) {
                held = merged;
                return;
            }
            drain(ch);
        }
        if (bytes.readableBytes() <= MAX_HELD) held = bytes;
        else ch.write(bytes, ch.voidPromise());
    }

    /** Hands the held bytes to the channel (before a flush, or before a write that does not come through here). */
    void drain(Channel ch) {
        if (held == null) return;
        ByteBuf b = held;
        held = null;
        ch.write(b, ch.voidPromise());
    }

    /** The channel is closing: the held bytes will never be written. */
    void discard() {
        if (held == null) return;
        held.release();
        held = null;
    }

    /**
     * One retained slice covering {@code a} then {@code b} when they are neighbouring slices of one native buffer
     * (both are released), else null (nothing changes).
     */
    static ByteBuf merge(ByteBuf a, ByteBuf b) {
        ByteBuf root = root(a);
        if (root != root(b) || root == a || root == b || !root.hasMemoryAddress() || !a.hasMemoryAddress()
                || !b.hasMemoryAddress() || root.refCnt() == 0) {
            return null;
        }
        if (a.memoryAddress() + a.writerIndex() != b.memoryAddress() + b.readerIndex()) return null;
        long index = a.memoryAddress() + a.readerIndex() - root.memoryAddress();
        int length = a.readableBytes() + b.readableBytes();
        if (index < 0 || index + length > root.capacity()) return null;
        ByteBuf merged = root.retainedSlice((int) index, length);
        a.release();
        b.release();
        return merged;
    }

    /**
     * The buffer a slice's bytes and reference count finally belong to: below any leak-detector wrapper and derived
     * buffer. A slice of it retains it, so the merged slice keeps the memory alive after the two are released.
     */
    private static ByteBuf root(ByteBuf b) {
        ByteBuf r = b;
        for (ByteBuf next = r.unwrap(); next != null; next = r.unwrap()) r = next;
        return r;
    }
}
