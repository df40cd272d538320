package org.pgaw.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Backend (server-to-client) messages as raw bytes, for a {@link FakeBackend} to play. */
public final class BackendMessages {
    private static final int TEXT_OID = 25;

    private BackendMessages() { }

    /** Any tagged message: tag, length (counting itself), body. */
    public static byte[] message(char tag, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) tag).putInt(4 + body.length).put(body).array();
    }

    /** Just a header, with any length field (the body, if any, is the caller's business). */
    public static byte[] header(char tag, int lengthField) {
        return ByteBuffer.allocate(5).put((byte) tag).putInt(lengthField).array();
    }

    public static byte[] authenticationOk() {
        return message('R', new byte[4]);
    }

    public static byte[] backendKeyData(int pid, int secret) {
        return message('K', ByteBuffer.allocate(8).putInt(pid).putInt(secret).array());
    }

    public static byte[] parameterStatus(String name, String value) {
        return message('S', cstrings(name, value));
    }

    public static byte[] readyForQuery(char status) {
        return message('Z', new byte[] {(byte) status});
    }

    /** RowDescription of text columns. */
    public static byte[] rowDescription(String... columns) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ByteBuffer.allocate(2).putShort((short) columns.length).array());
        for (String c : columns) {
            b.writeBytes(cstrings(c));
            b.writeBytes(ByteBuffer.allocate(18).putInt(0).putShort((short) 0).putInt(TEXT_OID).putShort((short) -1)
                    .putInt(-1).putShort((short) 0).array());
        }
        return message('T', b.toByteArray());
    }

    public static byte[] dataRow(String... values) {
        byte[][] v = new byte[values.length][];
        for (int i = 0; i < values.length; i++) v[i] = values[i].getBytes(StandardCharsets.UTF_8);
        return dataRow(v);
    }

    public static byte[] dataRow(byte[]... values) {
        int size = 2;
        for (byte[] v : values) size += 4 + v.length;
        ByteBuffer b = ByteBuffer.allocate(size).putShort((short) values.length);
        for (byte[] v : values) b.putInt(v.length).put(v);
        return message('D', b.array());
    }

    public static byte[] commandComplete(String tag) {
        return message('C', cstrings(tag));
    }

    public static byte[] errorResponse(String severity, String sqlState, String text) {
        return message('E', fields(severity, sqlState, text));
    }

    public static byte[] noticeResponse(String severity, String sqlState, String text) {
        return message('N', fields(severity, sqlState, text));
    }

    public static byte[] notificationResponse(int pid, String channel, String payload) {
        return message('A', WireClient.concat(ByteBuffer.allocate(4).putInt(pid).array(), cstrings(channel, payload)));
    }

    private static byte[] fields(String severity, String sqlState, String text) {
        return WireClient.concat(new byte[] {'S'}, cstrings(severity), new byte[] {'V'}, cstrings(severity),
                new byte[] {'C'}, cstrings(sqlState), new byte[] {'M'}, cstrings(text), new byte[] {0});
    }

    private static byte[] cstrings(String... strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : strings) {
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }
}
