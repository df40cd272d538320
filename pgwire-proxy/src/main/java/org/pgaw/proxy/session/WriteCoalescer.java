package org.pgaw.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Gathers consecutive small writes towards one channel into one buffer, handed to the channel as one write. A
 * guarded session relays a reply as one frame per inspected message (RowDescription, a run of DataRows,
 * CommandComplete, ReadyForQuery: four pipeline writes and four outbound-buffer entries for one {@code SELECT});
 * copying a few hundred bytes into one buffer costs less than the three extra writes.
 *
 * <p>The bytes are copied, never shared by slicing the read buffer anew: what a slice retains differs between
 * allocators and leak-detector wrappers, and a wrong guess would free memory still being written. Only small writes
 * wait here (at most {@link #MAX_HELD} bytes in all): large ones go to the channel at once, so its writability, and
 * with it the backpressure on the other side, still follows the bytes within a read.
 */
final class WriteCoalescer {
    static final int MAX_HELD = 16 * 1024;

    /** The bytes not yet handed to the channel, or null. */
    private ByteBuf held;
    /** True when {@link #held} is this coalescer's own buffer (more bytes may be appended to it). */
    private boolean own;

    /** Queues bytes for the channel (without flushing), gathered with the held ones while they stay small. */
    void write(Channel ch, ByteBuf bytes) {
        int n = bytes.readableBytes();
        if (held != null && held.readableBytes() + n <= MAX_HELD) {
            if (!own) {
                ByteBuf gathered = ch.alloc().directBuffer(Math.min(MAX_HELD, Math.max(256, 2 * (held.readableBytes() + n))));
                gathered.writeBytes(held, held.readerIndex(), held.readableBytes());
                held.release();
                held = gathered;
                own = true;
            }
            held.writeBytes(bytes, bytes.readerIndex(), n);
            bytes.release();
            return;
        }
        drain(ch);
        if (n <= MAX_HELD) {
            held = bytes;
            own = false;
        } else {
            ch.write(bytes, ch.voidPromise());
        }
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
}
