package org.pgaw.proxy.attack;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Frontend messages as raw bytes, built by hand so an attack controls every field (see the protocol docs). */
public final class Pg {
    private Pg() { }

    public static byte[] message(char tag, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) tag).putInt(4 + body.length).put(body).array();
    }

    public static byte[] query(String sql) {
        return queryBytes(sql.getBytes(StandardCharsets.UTF_8));
    }

    /** A Query whose text is exactly these bytes (for client encodings other than UTF-8). */
    public static byte[] queryBytes(byte[] sql) {
        return message('Q', new Body().bytes(sql).z().done());
    }

    public static byte[] parse(String name, String sql, int... paramOids) {
        Body b = new Body().str(name).str(sql).i16(paramOids.length);
        for (int oid : paramOids) b.i32(oid);
        return message('P', b.done());
    }

    /** Bind with text parameters (null = SQL NULL) and text results. */
    public static byte[] bind(String portal, String statement, String... params) {
        Body b = new Body().str(portal).str(statement).i16(0).i16(params.length);
        for (String p : params) {
            if (p == null) {
                b.i32(-1);
            } else {
                byte[] v = p.getBytes(StandardCharsets.UTF_8);
                b.i32(v.length).bytes(v);
            }
        }
        return message('B', b.i16(0).done());
    }

    public static byte[] execute(String portal, int maxRows) {
        return message('E', new Body().str(portal).i32(maxRows).done());
    }

    public static byte[] describePortal(String portal) {
        return message('D', new Body().i8('P').str(portal).done());
    }

    public static byte[] describeStatement(String name) {
        return message('D', new Body().i8('S').str(name).done());
    }

    public static byte[] closePortal(String portal) {
        return message('C', new Body().i8('P').str(portal).done());
    }

    public static byte[] sync() { return message('S', new byte[0]); }

    public static byte[] flush() { return message('H', new byte[0]); }

    /** FunctionCall 'F' of a function by OID with text arguments and a text result. */
    public static byte[] functionCall(int oid, String... args) {
        Body b = new Body().i32(oid).i16(0).i16(args.length);
        for (String a : args) {
            byte[] v = a.getBytes(StandardCharsets.UTF_8);
            b.i32(v.length).bytes(v);
        }
        return message('F', b.i16(0).done());
    }

    public static byte[] copyData(byte[] data) { return message('d', data); }

    public static byte[] copyDone() { return message('c', new byte[0]); }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }

    /** Parse + Bind + Execute(maxRows) of one unnamed statement, without Sync. */
    public static byte[] extended(String sql, int maxRows, String... params) {
        return concat(parse("", sql), bind("", "", params), execute("", maxRows));
    }

    /** A message body under construction (big-endian, C strings). */
    public static final class Body {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        public Body str(String s) { return bytes(s.getBytes(StandardCharsets.UTF_8)).z(); }

        public Body bytes(byte[] v) { b.writeBytes(v); return this; }

        public Body z() { b.write(0); return this; }

        public Body i8(int v) { b.write(v); return this; }

        public Body i16(int v) { b.write(v >>> 8); b.write(v); return this; }

        public Body i32(int v) { return bytes(ByteBuffer.allocate(4).putInt(v).array()); }

        public byte[] done() { return b.toByteArray(); }
    }
}
