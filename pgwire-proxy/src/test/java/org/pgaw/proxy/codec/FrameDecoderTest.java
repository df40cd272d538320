package org.pgaw.proxy.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pgaw.proxy.codec.StartupDecoderTest.bytes;
import static org.pgaw.proxy.codec.StartupDecoderTest.feedByteByByte;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    /** RowDescription(1 int4 column "a"), DataRow "1", DataRow "2", CommandComplete "SELECT 2", ReadyForQuery 'I'. */
    private static final String T = "540000001a" + "0001" + "6100" + "00000000" + "0000" + "00000017" + "0004"
            + "ffffffff" + "0000";
    private static final String D1 = "440000000b00010000000131";
    private static final String D2 = "440000000b00010000000132";
    private static final String C = "430000000d53454c454354203200";
    private static final String Z = "5a0000000549";

    private static FrameLimits limits() {
        return new FrameLimits(1 << 30, 1024, FrameLimits.tags('T', 'C', 'Z'), 4096);
    }

    @Test
    void resultFedOneByteAtATimeComesOutAsTDDCZ() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(limits()));
        feedByteByByte(ch, T + D1 + D2 + C + Z);
        assertThat(tags(ch)).isEqualTo("TDDCZ");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void uninspectedMessagesArriveAsOneRunAndKeepTheirBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(limits()));
        ch.writeInbound(bytes(T + D1 + D2 + C + Z));
        List<Frame> frames = drain(ch);
        assertThat(frames).extracting(Frame::tag).containsExactly((byte) 'T', (byte) 'D', (byte) 'C', (byte) 'Z');
        assertThat(frames.get(1).messages()).isEqualTo(2);
        assertThat(ByteBufUtil.hexDump(frames.get(1).content())).isEqualTo(D1 + D2);
        frames.forEach(ReferenceCountUtil::release);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void relayingARunTakesAnyUninspectedTagAndEndsAfterReadyForQuery() {
        FrameLimits relaying = limits().relaying(FrameLimits.tags('K'), FrameLimits.tags('Z'));
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(relaying));
        String k = "4b0000000c0000000100000002";
        ch.writeInbound(bytes(T + D1 + D2 + C + Z + D1 + k + C + Z));
        List<Frame> frames = drain(ch);
        assertThat(frames).extracting(Frame::tag).containsExactly((byte) 'T', (byte) 'D', (byte) 'K', (byte) 'C');
        assertThat(frames).extracting(Frame::lastTag).containsExactly((byte) 'Z', (byte) 'D', (byte) 'K', (byte) 'Z');
        assertThat(frames).extracting(Frame::messages).containsExactly(5, 1, 1, 2);
        assertThat(ByteBufUtil.hexDump(frames.get(0).content())).isEqualTo(T + D1 + D2 + C + Z);
        frames.forEach(ReferenceCountUtil::release);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void switchingToRelayingTakesEffectAtTheNextMessage() {
        FrameDecoder decoder = new FrameDecoder(limits());
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(bytes(T + D1 + C + Z));
        assertThat(tags(ch)).isEqualTo("TDCZ");
        decoder.limits(limits().relaying(FrameLimits.tags(), FrameLimits.tags('Z')));
        ch.writeInbound(bytes(T + D1 + C + Z));
        List<Frame> frames = drain(ch);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).messages()).isEqualTo(4);
        frames.forEach(ReferenceCountUtil::release);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aHeaderBeyondWhatPostgresCanSendIsRefusedAtOnceEvenWhenRelayed() {
        // Relaying with nothing inspected: CommandComplete would stream like a DataRow without its own bound.
        FrameLimits relaying = limits().relaying(FrameLimits.tags(), FrameLimits.tags('Z'))
                .withTagBounds(BackendMessageBounds.totals());
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(relaying));
        ch.writeInbound(bytes(T + D1 + C + Z));
        List<Frame> ok = drain(ch);
        assertThat(ok).hasSize(1);
        ok.forEach(ReferenceCountUtil::release);
        // A 100 MB CommandComplete: only its header and a few bytes arrive; the verdict must not wait for more.
        assertThatThrownBy(() -> ch.writeInbound(bytes("4306400000" + "53454c454354")))
                .isInstanceOf(FrameException.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aDataRowKeepsTheOverallBoundWhenTagBoundsApply() {
        FrameLimits bounded = limits().withTagBounds(BackendMessageBounds.totals());
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(bounded));
        ch.writeInbound(bytes("4400100000" + "0001"));
        Object part = ch.readInbound();
        assertThat(part).as("a 1 MiB DataRow starts streaming").isInstanceOf(FramePart.class);
        ReferenceCountUtil.release(part);
        ch.finishAndReleaseAll();
    }

    @Test
    void aLargeDataRowStreamsInPiecesAndIsNeverHeldWhole() {
        int body = 200_000;
        ByteBuf row = Unpooled.buffer();
        row.writeByte('D').writeInt(4 + 2 + 4 + body).writeShort(1).writeInt(body);
        for (int i = 0; i < body; i++) row.writeByte('x');
        byte[] wire = ByteBufUtil.getBytes(row);
        row.release();

        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(limits()));
        ByteBuf reassembled = Unpooled.buffer();
        int pieces = 0;
        boolean sawLast = false;
        for (int off = 0; off < wire.length; off += 8192) {
            ch.writeInbound(Unpooled.wrappedBuffer(wire, off, Math.min(8192, wire.length - off)));
            Object o;
            while ((o = ch.readInbound()) != null) {
                FramePart p = (FramePart) o;
                assertThat(p.first()).isEqualTo(pieces == 0);
                assertThat(p.messageLength()).isEqualTo(wire.length);
                sawLast = p.last();
                reassembled.writeBytes(p.content());
                p.release();
                pieces++;
            }
        }
        assertThat(sawLast).isTrue();
        assertThat(pieces).isGreaterThan(20);
        assertThat(ByteBufUtil.getBytes(reassembled)).isEqualTo(wire);
        reassembled.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void lengthBelowFourIsAProtocolViolation() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(limits()));
        assertThatThrownBy(() -> ch.writeInbound(bytes("5100000003")))
                .isInstanceOf(FrameException.class).hasMessageContaining("invalid message length 3");
        ch.finishAndReleaseAll();
    }

    @Test
    void negativeLengthIsTooLargeNotAnOverflow() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(limits()));
        assertThatThrownBy(() -> ch.writeInbound(bytes("44ffffffff")))
                .isInstanceOf(FrameException.class).hasMessageContaining("larger than the limit");
        ch.finishAndReleaseAll();
    }

    @Test
    void inspectedMessagesHaveTheirOwnSmallerBound() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(limits()));
        assertThatThrownBy(() -> ch.writeInbound(bytes("4300002000")))
                .isInstanceOf(FrameException.class).hasMessageContaining("8193 bytes is larger than the limit of 4096");
        ch.finishAndReleaseAll();
    }

    @Test
    void aTruncatedFrameYieldsNothingAndLeaksNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(limits()));
        ch.writeInbound(bytes(C.substring(0, 12)));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finish()).isFalse();
    }

    private static String tags(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        for (Frame f : drain(ch)) {
            for (int i = 0; i < f.messages(); i++) sb.append((char) f.tag());
            f.release();
        }
        return sb.toString();
    }

    private static List<Frame> drain(EmbeddedChannel ch) {
        List<Frame> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) out.add((Frame) o);
        return out;
    }
}
