package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Supplier;

/**
 * One fuzz case for the client-facing decoders: bytes fed in chunks (sizes from the input itself, down to one
 * byte) through a decoder in an {@link EmbeddedChannel}. What must hold whatever the bytes: nothing but a
 * {@link FrameException} (whose reply is a FATAL 08P01-class message) escapes; every frame that comes out is
 * well formed (tag, length field and size agree, within the limits); streamed parts add up to their message;
 * after a refusal nothing more comes out; every buffer is released (the leak detector runs at paranoid).
 * Used by {@link DecoderPropertyTest} (seeded random cases, in every build).
 */
final class DecoderFuzzing {
    private DecoderFuzzing() { }

    /** The decoders a client reaches, with the limits the proxy gives them (a small statement bound). */
    static final String[] DECODERS = {"startup", "authentication", "guarded", "relay", "backend"};

    static ByteToMessageDecoder decoder(String which) {
        long[] backendBounds = BackendMessageBounds.totals();
        FrameLimits guarded = new FrameLimits(1 << 20, 1024, FrameLimits.tags('Q', 'P', 'X', 'B', 'E', 'S', 'C'), 1 << 20)
                .withMaxStatement(2048);
        return switch (which) {
            case "startup" -> new StartupDecoder();
            case "authentication" -> new FrameDecoder(FrameLimits.authentication());
            case "guarded" -> new FrameDecoder(guarded);
            case "relay" -> new FrameDecoder(guarded.withMaxStatement(0).relaying(FrameLimits.tags(), FrameLimits.tags('X')));
            case "backend" -> new FrameDecoder(new FrameLimits(1 << 20, 1024,
                    FrameLimits.tags('R', 'K', 'Z', 'C', 'E', 'T'), 1 << 16).withTagBounds(backendBounds));
            default -> throw new IllegalArgumentException(which);
        };
    }

    /** Runs one case; throws AssertionError when a property fails. */
    static void check(String which, byte[] input, Supplier<Integer> chunkSizes) {
        ByteToMessageDecoder decoder = decoder(which);
        long maxTotal = which.equals("authentication") ? 65_540 : 1 << 20;
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        boolean refused = false;
        long partRemaining = 0;
        try {
            int at = 0;
            while (at < input.length && ch.isOpen()) {
                int n = Math.min(input.length - at, Math.max(1, chunkSizes.get()));
                ByteBuf chunk = Unpooled.buffer(n).writeBytes(input, at, n);
                at += n;
                try {
                    ch.writeInbound(chunk);
                } catch (FrameException e) {
                    if (!e.reply().severity().isError()) throw new AssertionError("a refusal that is not an error", e);
                    refused = true;
                } catch (RuntimeException e) {
                    throw new AssertionError("an exception other than FrameException escaped the " + which + " decoder", e);
                }
                Object out;
                while ((out = ch.readInbound()) != null) {
                    try {
                        partRemaining = wellFormed(out, maxTotal, partRemaining);
                    } finally {
                        ReferenceCountUtil.release(out);
                    }
                }
                if (refused) {
                    // Nothing after a refusal: feed more and expect silence.
                    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'Q', 0, 0, 0, 5, 0}));
                    Object late = ch.readInbound();
                    if (late != null) {
                        ReferenceCountUtil.release(late);
                        throw new AssertionError("the " + which + " decoder produced " + late + " after refusing the stream");
                    }
                    if (ch.config().isAutoRead()) throw new AssertionError("the " + which + " decoder reads on after a refusal");
                    break;
                }
            }
        } finally {
            try {
                ch.finishAndReleaseAll(); // at the close the decoder judges what is left: a refusal then is fine too
            } catch (FrameException e) {
                if (!e.reply().severity().isError()) throw new AssertionError("a refusal that is not an error", e);
            }
        }
    }

    /** Checks one output; returns how many bytes of a streamed message are still to come. */
    private static long wellFormed(Object out, long maxTotal, long partRemaining) {
        if (out instanceof StartupPacket) {
            if (partRemaining != 0) throw new AssertionError("a startup packet inside a streamed message");
            return 0;
        }
        if (out instanceof Frame f) {
            if (partRemaining != 0) throw new AssertionError("a frame inside a streamed message: " + f);
            ByteBuf c = f.content();
            int at = c.readerIndex();
            for (int i = 0; i < f.messages(); i++) {
                if (c.writerIndex() - at < 5) throw new AssertionError("a truncated message in " + f);
                long length = c.getUnsignedInt(at + 1);
                if (length < 4 || length + 1 > maxTotal) throw new AssertionError("an impossible length in " + f);
                at += (int) (length + 1);
            }
            if (at != c.writerIndex()) throw new AssertionError("the lengths do not add up to the size of " + f);
            if (c.getByte(c.readerIndex()) != f.tag()) throw new AssertionError("the tag does not match in " + f);
            return 0;
        }
        if (out instanceof FramePart p) {
            int n = p.content().readableBytes();
            if (p.first()) {
                if (partRemaining != 0) throw new AssertionError("a new streamed message before the last ended: " + p);
                if (p.messageLength() > maxTotal || p.messageLength() <= n) throw new AssertionError("a bad first part " + p);
                return p.messageLength() - n;
            }
            if (partRemaining < n || (partRemaining == n) != p.last()) throw new AssertionError("parts do not add up: " + p);
            return partRemaining - n;
        }
        throw new AssertionError("unexpected output " + out);
    }
}
