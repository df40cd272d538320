package org.pgaw.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.protocol.ProxyMessages;
import org.pgaw.proxy.protocol.StartupCodes;

/**
 * Decodes one untagged startup packet at a time (length-prefixed, at most 10,000 bytes). It decodes a single
 * packet per read so that the session can change the pipeline (add TLS, switch to the frame decoder) before
 * any further byte is interpreted.
 */
public final class StartupDecoder extends FailClosedDecoder {
    private static final int MAX_PARAMETERS = 64;

    public StartupDecoder() {
        setSingleDecode(true);
    }

    @Override
    protected void decodeTrusted(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) return;
        long length = in.getUnsignedInt(in.readerIndex());
        if (length < 8 || length > StartupCodes.MAX_STARTUP_PACKET) {
            throw FrameDecoder.refuse(in, ProxyMessages.protocolViolation("invalid length of startup packet: " + length));
        }
        if (in.readableBytes() < length) return;
        ByteBuf packet = in.readSlice((int) length);
        boolean trailing = in.isReadable();
        packet.skipBytes(4);
        int code = packet.readInt();
        try {
            out.add(parse(code, packet, trailing));
        } catch (FrameException e) {
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private static StartupPacket parse(int code, ByteBuf body, boolean trailing) {
        switch (code) {
            case StartupCodes.SSL_REQUEST:
                requireEmpty(body, "SSLRequest");
                return new StartupPacket.SslRequest(trailing);
            case StartupCodes.GSSENC_REQUEST:
                requireEmpty(body, "GSSENCRequest");
                return new StartupPacket.GssEncRequest(trailing);
            case StartupCodes.CANCEL_REQUEST:
                if (body.readableBytes() < 8 || body.readableBytes() > 4 + 256) {
                    throw new FrameException(ProxyMessages.protocolViolation("invalid CancelRequest length"));
                }
                int pid = body.readInt();
                byte[] secret = new byte[body.readableBytes()];
                body.readBytes(secret);
                return new StartupPacket.CancelRequest(pid, secret, trailing);
            default:
                return startupMessage(code, body, trailing);
        }
    }

    private static StartupPacket startupMessage(int code, ByteBuf body, boolean trailing) {
        int major = code >>> 16;
        int minor = code & 0xffff;
        if (major != 3) throw new FrameException(ProxyMessages.unsupportedProtocol(major, minor));
        Map<String, String> params = new LinkedHashMap<>();
        List<String> protocolOptions = new ArrayList<>();
        while (true) {
            String name = cstring(body);
            if (name.isEmpty()) break;
            String value = cstring(body);
            if (name.startsWith("_pq_.")) {
                protocolOptions.add(name);
            } else if (params.put(name, value) != null || params.size() > MAX_PARAMETERS) {
                throw new FrameException(ProxyMessages.protocolViolation("duplicate or too many startup parameters"));
            }
        }
        if (body.isReadable()) throw new FrameException(ProxyMessages.protocolViolation("bytes after startup parameters"));
        if (!params.containsKey("user")) {
            throw new FrameException(ProxyMessages.protocolViolation("no PostgreSQL user name specified in startup packet"));
        }
        return new StartupPacket.StartupMessage(major, minor, params, protocolOptions, trailing);
    }

    private static void requireEmpty(ByteBuf body, String what) {
        if (body.isReadable()) throw new FrameException(ProxyMessages.protocolViolation("invalid " + what + " length"));
    }

    private static String cstring(ByteBuf buf) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) throw new FrameException(ProxyMessages.protocolViolation("unterminated string in startup packet"));
        String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.UTF_8);
        buf.readerIndex(end + 1);
        return s;
    }
}
