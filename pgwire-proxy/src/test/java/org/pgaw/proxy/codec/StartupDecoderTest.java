package org.pgaw.proxy.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StartupDecoderTest {
    /** SSLRequest exactly as libpq sends it. */
    private static final String SSL_REQUEST = "0000000804d2162f";
    /** StartupMessage 3.0: user=alice database=aw application_name=psql. */
    private static final String STARTUP = "0000003600030000" + hex("user") + "00" + hex("alice") + "00" + hex("database")
            + "00" + hex("aw") + "00" + hex("application_name") + "00" + hex("psql") + "0000";

    @Test
    void sslRequestFedOneByteAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        feedByteByByte(ch, SSL_REQUEST);
        StartupPacket p = ch.readInbound();
        assertThat(p).isEqualTo(new StartupPacket.SslRequest(false));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void startupMessageFedOneByteAtATime() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        feedByteByByte(ch, STARTUP);
        StartupPacket.StartupMessage m = ch.readInbound();
        assertThat(m.major()).isEqualTo(3);
        assertThat(m.minor()).isZero();
        assertThat(m.parameters()).containsExactly(
                java.util.Map.entry("user", "alice"), java.util.Map.entry("database", "aw"),
                java.util.Map.entry("application_name", "psql"));
        assertThat(m.trailingBytes()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void bytesPipelinedBehindSslRequestAreFlagged() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        ch.writeInbound(bytes(SSL_REQUEST + STARTUP));
        StartupPacket p = ch.readInbound();
        assertThat(p).isEqualTo(new StartupPacket.SslRequest(true));
        ch.finishAndReleaseAll();
    }

    @Test
    void onlyOnePacketIsDecodedPerRead() {
        // The session must be able to install TLS between SSLRequest and whatever follows.
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        ch.writeInbound(bytes(SSL_REQUEST + STARTUP));
        assertThat((Object) ch.readInbound()).isInstanceOf(StartupPacket.SslRequest.class);
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void protocol32WithOptionsIsParsedForNegotiation() {
        String body = "00030002" + hex("user") + "00" + hex("bob") + "00" + hex("_pq_.foo") + "00" + hex("1") + "0000";
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        ch.writeInbound(bytes(String.format("%08x", 4 + body.length() / 2) + body));
        StartupPacket.StartupMessage m = ch.readInbound();
        assertThat(m.minor()).isEqualTo(2);
        assertThat(m.protocolOptions()).containsExactly("_pq_.foo");
        assertThat(m.parameters()).containsOnlyKeys("user");
        ch.finish();
    }

    @Test
    void cancelRequestCarriesPidAndSecret() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        feedByteByByte(ch, "0000001004d2162e00003039cafebabe");
        StartupPacket.CancelRequest c = ch.readInbound();
        assertThat(c.pid()).isEqualTo(12345);
        assertThat(HexFormat.of().formatHex(c.secret())).isEqualTo("cafebabe");
        ch.finish();
    }

    @Test
    void oversizedStartupPacketIsRefusedBeforeItIsBuffered() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        assertThatThrownBy(() -> ch.writeInbound(bytes("0000271100030000")))
                .isInstanceOf(DecoderException.class).hasMessageContaining("invalid length of startup packet: 10001");
        ch.finishAndReleaseAll();
    }

    @Test
    void truncatedLengthIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        assertThatThrownBy(() -> ch.writeInbound(bytes("00000004")))
                .isInstanceOf(FrameException.class).hasMessageContaining("invalid length");
        ch.finishAndReleaseAll();
    }

    @Test
    void startupWithoutUserIsRefused() {
        String body = "00030000" + hex("database") + "00" + hex("x") + "0000";
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        assertThatThrownBy(() -> ch.writeInbound(bytes(String.format("%08x", 4 + body.length() / 2) + body)))
                .isInstanceOf(FrameException.class).hasMessageContaining("no PostgreSQL user name");
        ch.finishAndReleaseAll();
    }

    @Test
    void unterminatedParameterIsRefused() {
        String body = "00030000" + hex("user") + "00" + hex("bob");
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        assertThatThrownBy(() -> ch.writeInbound(bytes(String.format("%08x", 4 + body.length() / 2) + body)))
                .isInstanceOf(FrameException.class).hasMessageContaining("unterminated");
        ch.finishAndReleaseAll();
    }

    @Test
    void protocol2IsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        assertThatThrownBy(() -> ch.writeInbound(bytes("0000000900020000" + "00")))
                .isInstanceOf(FrameException.class).hasMessageContaining("unsupported frontend protocol 2.0");
        ch.finishAndReleaseAll();
    }

    @Test
    void sslRequestWithABodyIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder());
        assertThatThrownBy(() -> ch.writeInbound(bytes("0000000c04d2162f00000000")))
                .isInstanceOf(FrameException.class).hasMessageContaining("SSLRequest");
        ch.finishAndReleaseAll();
    }

    static void feedByteByByte(EmbeddedChannel ch, String hex) {
        for (byte b : HexFormat.of().parseHex(hex)) ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }

    static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }

    static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
