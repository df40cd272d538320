package org.pgaw.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes the few messages the proxy writes itself. Every method returns a new buffer the caller owns. */
public final class MessageWriter {
    private MessageWriter() { }

    /** ErrorResponse or NoticeResponse, depending on the severity. */
    public static ByteBuf errorOrNotice(ByteBufAllocator alloc, ProxyMessage m) {
        ByteBuf buf = alloc.buffer(128);
        buf.writeByte(m.severity().isError() ? BackendTag.ERROR_RESPONSE : BackendTag.NOTICE_RESPONSE);
        int lengthAt = buf.writerIndex();
        buf.writeInt(0);
        field(buf, 'S', m.severity().name());
        field(buf, 'V', m.severity().name());
        field(buf, 'C', m.sqlState());
        field(buf, 'M', m.message());
        if (m.detail() != null) field(buf, 'D', m.detail());
        if (m.hint() != null) field(buf, 'H', m.hint());
        if (m.position() > 0) field(buf, 'P', Integer.toString(m.position())); // 1-based, as PostgreSQL's
        buf.writeByte(0);
        buf.setInt(lengthAt, buf.writerIndex() - lengthAt);
        return buf;
    }

    public static ByteBuf backendKeyData(ByteBufAllocator alloc, int pid, int secret) {
        ByteBuf buf = alloc.buffer(13);
        buf.writeByte(BackendTag.BACKEND_KEY_DATA).writeInt(12).writeInt(pid).writeInt(secret);
        return buf;
    }

    public static ByteBuf readyForQuery(ByteBufAllocator alloc, char status) {
        ByteBuf buf = alloc.buffer(6);
        buf.writeByte(BackendTag.READY_FOR_QUERY).writeInt(5).writeByte(status);
        return buf;
    }

    /** NegotiateProtocolVersion: the newest minor version we speak and the options we did not recognise. */
    public static ByteBuf negotiateProtocolVersion(ByteBufAllocator alloc, int newestMinor, List<String> unknownOptions) {
        ByteBuf buf = alloc.buffer(64);
        buf.writeByte(BackendTag.NEGOTIATE_PROTOCOL_VERSION);
        int lengthAt = buf.writerIndex();
        buf.writeInt(0);
        buf.writeInt(newestMinor);
        buf.writeInt(unknownOptions.size());
        for (String o : unknownOptions) cstring(buf, o);
        buf.setInt(lengthAt, buf.writerIndex() - lengthAt);
        return buf;
    }

    /** An untagged StartupMessage for protocol 3.0 with the given parameters (name, value, name, value, ...). */
    public static ByteBuf startupMessage(ByteBufAllocator alloc, List<String> nameValuePairs) {
        ByteBuf buf = alloc.buffer(128);
        buf.writeInt(0);
        buf.writeInt(StartupCodes.PROTOCOL_3_0);
        for (String s : nameValuePairs) cstring(buf, s);
        buf.writeByte(0);
        buf.setInt(0, buf.writerIndex());
        return buf;
    }

    public static ByteBuf commandComplete(ByteBufAllocator alloc, String commandTag) {
        byte[] tag = commandTag.getBytes(StandardCharsets.US_ASCII);
        return alloc.buffer(6 + tag.length).writeByte(BackendTag.COMMAND_COMPLETE).writeInt(4 + tag.length + 1)
                .writeBytes(tag).writeByte(0);
    }

    public static ByteBuf copyDone(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte(BackendTag.COPY_DONE).writeInt(4);
    }

    /** A simple Query, for the statements the proxy runs on its own (the ROLLBACK of an abandoned transaction). */
    public static ByteBuf query(ByteBufAllocator alloc, String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        return alloc.buffer(6 + text.length).writeByte(FrontendTag.QUERY).writeInt(4 + text.length + 1)
                .writeBytes(text).writeByte(0);
    }

    public static ByteBuf sslRequest(ByteBufAllocator alloc) {
        return alloc.buffer(8).writeInt(8).writeInt(StartupCodes.SSL_REQUEST);
    }

    public static ByteBuf cancelRequest(ByteBufAllocator alloc, int pid, int secret) {
        return alloc.buffer(16).writeInt(16).writeInt(StartupCodes.CANCEL_REQUEST).writeInt(pid).writeInt(secret);
    }

    public static ByteBuf terminate(ByteBufAllocator alloc) {
        return alloc.buffer(5).writeByte(FrontendTag.TERMINATE).writeInt(4);
    }

    private static void field(ByteBuf buf, char code, String value) {
        buf.writeByte(code);
        cstring(buf, value);
    }

    /** A C string; NUL characters inside a value would end it early, so they are replaced. */
    private static void cstring(ByteBuf buf, String s) {
        buf.writeCharSequence(s.replace('\0', ' '), StandardCharsets.UTF_8);
        buf.writeByte(0);
    }
}
