package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pgaw.proxy.testing.WireClient;

/**
 * Round 2, class: the lexer and PostgreSQL disagree where a string ends. The gate refused {@code SET client_encoding}
 * to SJIS, BIG5, GBK... but not the same setting in the StartupMessage ({@code PGCLIENTENCODING=SJIS}, or
 * {@code options=-c client_encoding=SJIS}). In SJIS the character ソ is the bytes 0x83 0x5C: PostgreSQL reads
 * {@code E'ソ'} as a one-character string, the proxy (bytes, not SJIS) reads {@code \'} as an escaped quote and
 * everything up to the next quote as the string, so the {@code set_config} between them was never seen by the gate.
 */
class EncodingRound2Test {
    private static final byte[] SO_IN_SJIS = {(byte) 0x83, (byte) 0x5C};

    private static Round2Proxy proxy;

    @BeforeAll
    static void start() {
        proxy = Round2Proxy.start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "client_encoding | SJIS",
        "client_encoding | Shift_JIS_2004",
        "CLIENT_ENCODING | big5",
        "client_encoding | WIN936",
        "options         | -c client_encoding=SJIS",
        "options         | --client-encoding=sjis",
        "options         | -c client_encoding=MS-KANJI"})
    void anUnsafeClientEncodingAtStartupIsRefused(String parameter, String value) throws IOException {
        try (WireClient c = new WireClient(proxy.address())) {
            c.send(WireClient.startup(3, 0, "user", Round2Proxy.LEARNER, "database", "postgres", parameter, value));
            WireClient.Message first = c.read();
            if (first.tag() == 'E') {
                assertThat(first.fields().get('S')).isEqualTo("FATAL");
                assertThat(first.fields().get('M')).contains("pgaw:").contains("client encoding");
                assertThat(c.closedWithin(5000)).isTrue();
                return;
            }
            // Let in: show what the gate then missed, for the failure message.
            while (c.read().tag() != 'Z') {
                // authentication, ParameterStatus, BackendKeyData
            }
            c.send(sjisQuery());
            StringBuilder seen = new StringBuilder();
            WireClient.Message m;
            do {
                m = c.read();
                seen.append(m.tag());
                if (m.tag() == 'D') seen.append(new String(m.body(), StandardCharsets.ISO_8859_1));
                if (m.tag() == 'E') seen.append(m.fields().get('M'));
            } while (m.tag() != 'Z');
            throw new AssertionError("the session with " + parameter + "=" + value + " was let in; the SJIS query"
                    + " then got: " + seen + (seen.indexOf("77MB") >= 0 ? " (set_config ran past the gate)" : ""));
        }
    }

    /** {@code SELECT E'ソ', set_config($$work_mem$$, $$77MB$$, false) -- '} in SJIS bytes. */
    private static byte[] sjisQuery() {
        ByteArrayOutputStream sql = new ByteArrayOutputStream();
        sql.writeBytes("SELECT E'".getBytes(StandardCharsets.US_ASCII));
        sql.writeBytes(SO_IN_SJIS);
        sql.writeBytes("', set_config($$work_mem$$, $$77MB$$, false), pg_sleep(0), current_setting('work_mem') -- '"
                .getBytes(StandardCharsets.US_ASCII));
        byte[] s = sql.toByteArray();
        return ByteBuffer.allocate(1 + 4 + s.length + 1).put((byte) 'Q').putInt(4 + s.length + 1).put(s).put((byte) 0)
                .array();
    }
}
