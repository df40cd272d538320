package org.pgaw.proxy.testing;

import static org.pgaw.proxy.testing.BackendMessages.message;
import static org.pgaw.proxy.testing.WireClient.concat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Frontend messages of the extended query protocol (and FunctionCall) as raw bytes, for {@link WireClient}. */
public final class Extended {
    private Extended() { }

    /** Parse: statement name, query, no parameter types. */
    public static byte[] parse(String name, String sql) {
        return message('P', concat(cstrings(name, sql), new byte[2]));
    }

    /** Bind: portal, statement, no parameters, no result formats. */
    public static byte[] bind(String portal, String statement) {
        return message('B', concat(cstrings(portal, statement), new byte[6]));
    }

    /** Execute: portal, at most {@code rows} rows (0 = all). */
    public static byte[] execute(String portal, int rows) {
        return message('E', concat(cstrings(portal), ByteBuffer.allocate(4).putInt(rows).array()));
    }

    public static byte[] describePortal(String portal) {
        return message('D', concat(new byte[] {'P'}, cstrings(portal)));
    }

    public static byte[] sync() {
        return message('S', new byte[0]);
    }

    public static byte[] flush() {
        return message('H', new byte[0]);
    }

    /** FunctionCall of a function by OID with text arguments, text result. */
    public static byte[] functionCall(int oid, String... textArgs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ByteBuffer.allocate(8).putInt(oid).putShort((short) 0).putShort((short) textArgs.length).array());
        for (String a : textArgs) {
            byte[] v = a.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(ByteBuffer.allocate(4).putInt(v.length).array());
            b.writeBytes(v);
        }
        b.writeBytes(ByteBuffer.allocate(2).putShort((short) 0).array());
        return message('F', b.toByteArray());
    }

    public static byte[] cstrings(String... strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String str : strings) {
            b.writeBytes(str.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }
}
