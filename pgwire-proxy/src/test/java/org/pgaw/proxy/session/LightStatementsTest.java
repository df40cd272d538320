package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.codec.Frame;
import org.pgaw.proxy.protocol.FrontendTag;

/**
 * What skips the wait for a slot must cost nothing: settings, transaction control and pgAdmin's Stop, and not one
 * statement more hidden behind them.
 */
class LightStatementsTest {
    private final java.util.List<Frame> made = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void release() {
        made.forEach(Frame::release);
    }
    @Test
    void settingsAndTransactionControlAreLight() {
        for (String sql : new String[] {"SET extra_float_digits = 3", "SET application_name = 'PostgreSQL JDBC Driver'",
                "BEGIN", "commit;", "  ROLLBACK ; ", "SHOW work_mem", "RESET ALL", "SET a = 1; SET b = 'x;y'",
                "SAVEPOINT s1", "RELEASE s1", "DISCARD ALL", "START TRANSACTION ISOLATION LEVEL REPEATABLE READ"}) {
            assertThat(LightStatements.light(sql)).as(sql).isTrue();
        }
    }

    @Test
    void anythingThatCouldRunAQueryIsNot() {
        for (String sql : new String[] {"SELECT 1", "SET a = 1; SELECT count(*) FROM a, b", "SET a = 'x'; SELECT 1",
                "SET a = 'x';SELECT 1;SET b = 'y'", "SET a = E'\\'; SELECT 1; --'", "SET a = $$x$$; SELECT 1",
                "SET a = 1 /* */; SELECT 1", "SET a = 1; -- \nSELECT 1", "FETCH ALL FROM c", "EXPLAIN ANALYZE SELECT 1",
                "SET a = 'unterminated; SELECT 1", "", " ; ", "COMMIT; VALUES (1)", "WITH x AS (SELECT 1) SELECT 1"}) {
            assertThat(LightStatements.light(sql)).as(sql).isFalse();
        }
    }

    @Test
    void pgAdminsStopIsRecognisedAndNothingLikeIt() {
        assertThat(LightStatements.stop("SELECT pg_cancel_backend(1234);")).isEqualTo(new LightStatements.Signal(1234, true));
        assertThat(LightStatements.stop("SELECT pg_catalog.pg_cancel_backend(77);"))
                .isEqualTo(new LightStatements.Signal(77, true));
        assertThat(LightStatements.stop("select pg_terminate_backend( 5 )")).isEqualTo(new LightStatements.Signal(5, false));
        assertThat(LightStatements.stop("SELECT pg_cancel_backend(1), count(*) FROM a, b")).isNull();
        assertThat(LightStatements.stop("SELECT pg_cancel_backend(pid) FROM pg_stat_activity")).isNull();
        assertThat(LightStatements.stop("SELECT pg_cancel_backend(99999999999)")).isNull();
    }

    @Test
    void onlyTheUnnamedStatementAndPortalCount() {
        assertThat(LightStatements.text(message(FrontendTag.PARSE, "\0BEGIN\0\0\0"))).isEqualTo("BEGIN");
        assertThat(LightStatements.text(message(FrontendTag.PARSE, "s1\0BEGIN\0\0\0"))).isNull();
        assertThat(LightStatements.text(message(FrontendTag.QUERY, "SHOW ALL\0"))).isEqualTo("SHOW ALL");
        assertThat(LightStatements.text(message(FrontendTag.QUERY, "SET a = 1" + " ".repeat(400) + "\0"))).isNull();
        assertThat(LightStatements.unnamed(message(FrontendTag.BIND, "\0\0\0\0\0\0\0\0"))).isTrue();
        assertThat(LightStatements.unnamed(message(FrontendTag.BIND, "\0s1\0\0\0\0\0\0\0"))).isFalse();
        assertThat(LightStatements.unnamed(message(FrontendTag.EXECUTE, "\0\0\0\0\0"))).isTrue();
        assertThat(LightStatements.unnamed(message(FrontendTag.EXECUTE, "p\0\0\0\0\0"))).isFalse();
        assertThat(LightStatements.unnamed(message(FrontendTag.BIND, ""))).isFalse();
    }

    private Frame message(byte tag, String body) {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        Frame f = new Frame(tag, Unpooled.buffer().writeByte(tag).writeInt(4 + b.length).writeBytes(b));
        made.add(f);
        return f;
    }
}
