package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.List;
import org.pgaw.proxy.protocol.ProxyMessages;

/**
 * Splits a byte stream into tagged messages (after startup, both directions). Small messages come out whole as
 * {@link Frame}s, retained slices of the read buffer (no copy). A message larger than {@code maxBuffered} that is
 * not inspected streams out as {@link FramePart}s as its bytes arrive, so a 1 GB DataRow never sits in memory.
 * The limits may change between reads ({@link #limits(FrameLimits)}): a session without guards needs to see less
 * once it is ready for queries, and before authentication only authentication replies may come.
 *
 * <p>Memory is bounded by the limits whatever a peer sends: a header is judged before its body is awaited, a
 * refused stream is never read again (everything after it is dropped, and reading stops: {@link FailClosedDecoder}),
 * and a statement over {@link FrameLimits#maxStatement()} is skipped as it arrives ({@link TooLongStatement}). Work
 * is linear in the bytes received.
 */
public final class FrameDecoder extends FailClosedDecoder {
    private static final int HEADER = 5;
    /** A run of messages stops growing at this size, so one Frame never pins much more than a read buffer. */
    private static final int MAX_RUN = 1 << 20;
    private FrameLimits limits;
    private long streamRemaining;
    private byte streamTag;
    private long streamLength;
    /** Bytes still to skip of a statement over the bound, and what replaces it once skipped. */
    private long skipRemaining;
    private Frame standIn;

    public FrameDecoder(FrameLimits limits) {
        this.limits = limits;
        setCumulator((alloc, cumulation, in) -> {
            if (cumulation.refCnt() == 1 && cumulation.readerIndex() > 0) cumulation.discardReadBytes();
            return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
        });
    }

    /** From the next message on, decode with these limits. */
    public void limits(FrameLimits next) {
        limits = next;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (standIn != null) {
            standIn.release();
            standIn = null;
        }
    }

    @Override
    protected void decodeTrusted(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (skipRemaining > 0) {
                int n = (int) Math.min(in.readableBytes(), skipRemaining);
                in.skipBytes(n);
                skipRemaining -= n;
                if (skipRemaining == 0 && standIn != null) {
                    out.add(standIn);
                    standIn = null;
                }
                continue;
            }
            if (streamRemaining > 0) {
                int n = (int) Math.min(in.readableBytes(), streamRemaining);
                streamRemaining -= n;
                out.add(new FramePart(streamTag, streamLength, in.readRetainedSlice(n), false, streamRemaining == 0));
                continue;
            }
            if (in.readableBytes() < HEADER) return;
            int start = in.readerIndex();
            byte tag = in.getByte(start);
            long length = in.getUnsignedInt(start + 1); // unsigned: a "negative" length is just too large
            if (length < 4) {
                throw refuse(in, ProxyMessages.protocolViolation("invalid message length " + length));
            }
            long total = length + 1;
            if (!limits.allowed(tag)) throw refuse(in, ProxyMessages.unexpectedBeforeAuthentication((char) (tag & 0xff)));
            boolean inspected = limits.inspected(tag);
            long max = limits.max(tag);
            if (total > max) {
                throw refuse(in, ProxyMessages.messageTooLarge(total, (int) Math.min(max, Integer.MAX_VALUE)));
            }
            if (limits.tooLongStatement(tag, total)) {
                String name = tag == 'P' ? TooLongStatement.parseName(in, start + HEADER) : null;
                standIn = TooLongStatement.standIn(ctx.alloc(), tag, name, total, limits.maxStatement());
                skipRemaining = total;
                continue;
            }
            if (limits.cutsError(tag, total)) {
                if (in.readableBytes() < limits.errorKeep()) return; // wait for its head only
                out.add(ErrorCut.head(ctx.alloc(), in, start, limits.errorKeep()));
                in.skipBytes(limits.errorKeep());
                skipRemaining = total - limits.errorKeep();
                continue;
            }
            if (in.readableBytes() >= total) {
                out.add(inspected ? new Frame(tag, in.readRetainedSlice((int) total)) : run(in, tag, (int) total));
                continue;
            }
            if (inspected || total <= limits.maxBuffered()) return; // wait for the rest
            int n = in.readableBytes();
            streamTag = tag;
            streamLength = total;
            streamRemaining = total - n;
            out.add(new FramePart(tag, total, in.readRetainedSlice(n), true, false));
        }
    }

    /**
     * The first message (complete, uninspected) and every complete one after it that may join it (the same tag, or
     * with {@link FrameLimits#anyTagRuns()} any uninspected tag up to a run end), as one Frame.
     */
    private Frame run(ByteBuf in, byte tag, int firstTotal) {
        int start = in.readerIndex();
        int end = start + firstTotal;
        int count = 1;
        byte last = tag;
        while (end - start < MAX_RUN && !limits.endsRun(last) && in.writerIndex() - end >= HEADER) {
            byte next = in.getByte(end);
            if (limits.anyTagRuns() ? limits.inspected(next) : next != tag) break;
            long length = in.getUnsignedInt(end + 1);
            // A message this run cannot take (impossible length, incomplete) starts the next decode, which judges it.
            if (length < 4 || length + 1 > limits.max(next) || in.writerIndex() - end < length + 1) break;
            end += (int) (length + 1);
            count++;
            last = next;
        }
        return new Frame(tag, in.readRetainedSlice(end - start), count, last);
    }

    /** Drops what is buffered (the stream cannot be trusted past a bad frame) and makes the exception to throw. */
    static FrameException refuse(ByteBuf in, org.pgaw.proxy.protocol.ProxyMessage reply) {
        in.skipBytes(in.readableBytes());
        return new FrameException(reply);
    }
}
