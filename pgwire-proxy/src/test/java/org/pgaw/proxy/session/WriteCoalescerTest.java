package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pgaw.proxy.testing.LeakCheckExtension;

@ExtendWith(LeakCheckExtension.class)
class WriteCoalescerTest {
    private final WriteCoalescer coalescer = new WriteCoalescer();
    private EmbeddedChannel channel;
    private ByteBuf read;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        // Like a read buffer of the native transport: pooled, direct, with a memory address.
        read = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        read.writeCharSequence("T-row|D-row|C-done|Z-ready", StandardCharsets.US_ASCII);
    }

    @AfterEach
    void tearDown() {
        read.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void smallWritesOfOneReplyBecomeOneWrite() {
        assertThat(read.hasMemoryAddress()).as("the case the coalescer is for").isTrue();
        coalescer.write(channel, read.retainedSlice(0, 6));
        coalescer.write(channel, read.retainedSlice(6, 6));
        coalescer.write(channel, read.retainedSlice(12, 7));
        coalescer.write(channel, read.retainedSlice(19, 7));
        assertThat(queued()).as("nothing goes before the drain").isZero();
        coalescer.drain(channel);
        assertThat(queued()).as("one write for the four slices").isBetween(26L, 26L + ENTRY_OVERHEAD);
        channel.flush();
        assertThat(written()).containsExactly("T-row|D-row|C-done|Z-ready");
        assertThat(read.refCnt()).as("the slices' references were given back").isEqualTo(1);
    }

    @Test
    void bytesFromAnywhereKeepTheirOrder() {
        coalescer.write(channel, read.retainedSlice(0, 6));
        coalescer.write(channel, Unpooled.copiedBuffer("notice|", StandardCharsets.US_ASCII));
        coalescer.write(channel, read.retainedSlice(12, 7));
        coalescer.write(channel, read.retainedSlice(6, 6)); // from the same buffer, but not next to the held bytes
        coalescer.drain(channel);
        channel.flush();
        assertThat(written()).containsExactly("T-row|notice|C-done|D-row|");
        assertThat(read.refCnt()).isEqualTo(1);
    }

    @Test
    void largeWritesGoToTheChannelAtOnceSoWritabilityFollowsThem() {
        ByteBuf big = Unpooled.directBuffer(WriteCoalescer.MAX_HELD + 1).writeZero(WriteCoalescer.MAX_HELD + 1);
        coalescer.write(channel, read.retainedSlice(0, 6));
        coalescer.write(channel, big);
        assertThat(queued()).as("held bytes first, then the large write, without a drain")
                .isBetween(6L + WriteCoalescer.MAX_HELD + 1, 6L + WriteCoalescer.MAX_HELD + 1 + ENTRY_OVERHEAD * 2);
        coalescer.drain(channel);
        channel.flush();
        ByteBuf first = channel.readOutbound();
        ByteBuf second = channel.readOutbound();
        assertThat(first.toString(StandardCharsets.US_ASCII)).isEqualTo("T-row|");
        assertThat(second.readableBytes()).isEqualTo(WriteCoalescer.MAX_HELD + 1);
        first.release();
        second.release();
    }

    @Test
    void mergingStopsAtTheBoundSoHeldBytesStaySmall() {
        ByteBuf wide = PooledByteBufAllocator.DEFAULT.directBuffer(WriteCoalescer.MAX_HELD * 2);
        wide.writeZero(WriteCoalescer.MAX_HELD * 2);
        coalescer.write(channel, wide.retainedSlice(0, WriteCoalescer.MAX_HELD - 10));
        coalescer.write(channel, wide.retainedSlice(WriteCoalescer.MAX_HELD - 10, 20));
        assertThat(queued()).as("over the bound: the held bytes went on")
                .isBetween(WriteCoalescer.MAX_HELD - 10L, WriteCoalescer.MAX_HELD - 10L + ENTRY_OVERHEAD);
        coalescer.drain(channel);
        channel.flush();
        assertThat(written()).hasSize(2);
        wide.release();
        assertThat(wide.refCnt()).isZero();
    }

    @Test
    void discardReleasesWhatIsHeld() {
        coalescer.write(channel, read.retainedSlice(0, 6));
        coalescer.discard();
        coalescer.drain(channel);
        assertThat(queued()).isZero();
        assertThat(read.refCnt()).isEqualTo(1);
    }

    /** What Netty adds to the pending bytes per queued write (96 on a 64-bit JVM); generous, not exact. */
    private static final long ENTRY_OVERHEAD = 200;

    /** Bytes handed to the channel and not yet flushed (plus Netty's per-write overhead). */
    private long queued() {
        return channel.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    private java.util.List<String> written() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) m;
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }
}
