package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexer follows standard_conforming_strings as PostgreSQL will apply it, also after a SET earlier in the same
 * Query, and ASCII-unsafe client encodings are refused (issue 10 item 5).
 */
class SettingChangesTest {
    private static final LimitRewriter REWRITER = new LimitRewriter();

    /**
     * Each Query is split as PostgreSQL splits it (as many statements as PostgreSQL reports results), and so is the
     * same text sent again as the next Query: PostgreSQL lexes a whole Query before running any of it, so a SET inside
     * a Query changes how the next Query is read, not the rest of its own.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SET standard_conforming_strings = off; SELECT 'a\\'; SELECT 1 AS x; -- '",
        "SET standard_conforming_strings TO 'off'; SELECT N'a\\'; SELECT 1 AS x; -- '",
        "SET SESSION standard_conforming_strings = false; SELECT 'a\\' AS s; SELECT 2; -- '",
        "SET standard_conforming_strings = off; SET standard_conforming_strings = on; SELECT 'a\\'; SELECT 3; -- '",
        "SELECT set_config('standard_conforming_strings', 'off', false); SELECT 'a\\'; SELECT 4; -- '",
        "SET standard_conforming_strings = off; SELECT E'a\\''; SELECT 5",
        "SELECT 'a\\'; SELECT 6; -- '",
    })
    void splitAgreesWithPostgresqlForThisQueryAndTheNext(String sql) throws IOException {
        RewriteResult r = REWRITER.rewriteQuery(sql, 10, true);
        assertThat(r.refusal()).as(sql).isNull();
        try (DirectWire pg = new DirectWire()) {
            List<DirectWire.Outcome> direct = pg.run(sql);
            assertThat(direct).as("PostgreSQL ran it without error").noneMatch(DirectWire.Outcome::error);
            assertThat(r.statements()).as(sql).hasSameSizeAs(direct);
            boolean changes = r.statements().stream().anyMatch(s -> s.scsEffect() != ScsEffect.UNCHANGED);
            assertThat(r.standardConformingStringsAfter()).isEqualTo(changes ? null : Boolean.TRUE);
            boolean now = scsOn(pg);
            RewriteResult next = REWRITER.rewriteQuery(sql, 10, now);
            assertThat(next.refusal()).isNull();
            assertThat(pg.run(sql)).as("as the next Query, standard_conforming_strings " + now)
                    .hasSameSizeAs(next.statements());
        }
        try (DirectWire pg = new DirectWire()) {
            assertThat(pg.run(r.sql())).as("the rewrite runs the same statements").hasSize(r.statements().size())
                    .noneMatch(DirectWire.Outcome::error);
        }
    }

    private static boolean scsOn(DirectWire pg) throws IOException {
        return pg.run("SELECT 1 WHERE current_setting('standard_conforming_strings') = 'on'").get(0).text()
                .startsWith("rows=1");
    }

    /** Until PostgreSQL reports the value (the SET may fail), a pipelined Query that depends on it is refused. */
    @Test
    void valueAfterTheQueryIsExposed() {
        RewriteResult set = REWRITER.rewriteQuery("SET standard_conforming_strings = off", 10, true);
        assertThat(set.standardConformingStringsAfter()).isNull();
        assertThat(REWRITER.rewriteQuery("SELECT 'a\\'; SELECT 7; -- '", 10, set.standardConformingStringsAfter())
                .refusal()).isNotNull();
        assertThat(REWRITER.rewriteQuery("SELECT 1", 10, false).standardConformingStringsAfter()).isFalse();
        assertThat(REWRITER.rewriteQuery("RESET ALL; SELECT 1", 10, true).standardConformingStringsAfter()).isNull();
        assertThat(REWRITER.rewriteStatement("SET standard_conforming_strings = 'of'", 10).scsEffect())
                .isEqualTo(ScsEffect.OFF);
        assertThat(REWRITER.rewriteStatement("EXECUTE p", 10).scsEffect()).isEqualTo(ScsEffect.UNKNOWN);
    }

    @Test
    void ambiguousTextIsRefusedWhenTheValueIsUnknown() {
        assertThat(REWRITER.rewriteQuery("SELECT 'a\\'; SELECT 7; -- '", 10, (Boolean) null).refusal()).isNotNull();
        assertThat(REWRITER.rewriteQuery("SELECT 'no backslash'; SELECT 7", 10, (Boolean) null).refusal()).isNull();
        assertThat(REWRITER.rewriteQuery("SELECT E'a\\'' ", 10, (Boolean) null).refusal())
                .as("E'' strings read the same either way").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "SET client_encoding = 'SJIS'",
        "SET client_encoding TO sjis",
        "set CLIENT_ENCODING = 'Shift_JIS'",
        "SET SESSION client_encoding = 'BIG5'",
        "SET LOCAL client_encoding = \"GBK\"",
        "SET NAMES 'gb18030'",
        "SET names uhc",
        "SET client_encoding = 'johab'",
        "SET client_encoding = 'WIN932'",
        "SET client_encoding = 'SHIFT_JIS_2004'",
        "SELECT set_config('client_encoding', 'SJIS', false)",
        "SELECT pg_catalog.set_config('CLIENT_ENCODING', 'big5', false)",
        "SELECT 1, set_config('client_encoding', 'windows936', true) FROM pg_class",
        "SET client_encoding = E'\\x53JIS'",
        "SELECT set_config($1, $2, false)",
        "SELECT set_config('client_' || 'encoding', 'SJIS', false)",
        "SELECT set_config('client_encoding', 'S' || 'JIS', false)",
        "PREPARE p AS SELECT set_config($1, 'SJIS', false)",
        "SELECT U&\"set\\005fconfig\"('client_encoding', 'SJIS', false)",
        "SELECT \"set_config\"(U&'client_encoding', 'SJIS', false)",
    })
    void unsafeClientEncodingsAreRefused(String sql) {
        Refusal r = REWRITER.rewriteQuery(sql, 10).refusal();
        assertThat(r).as(sql).isNotNull();
        assertThat(r.sqlState()).as("refused here, or already by the statement gate's setting rules")
                .isIn("0A000", StatementGate.SQLSTATE_REFUSED);
        assertThat(REWRITER.rewriteQuery("SELECT 1; " + sql, 10).refusal()).as("anywhere in the Query").isNotNull();
        assertThat(REWRITER.rewriteStatement(sql, 10).refusal()).as("as a Parse too").isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SET client_encoding = 'UTF8'", "SET client_encoding TO \"LATIN1\"", "SET NAMES 'EUC_JP'",
        "SET client_encoding = DEFAULT", "RESET client_encoding", "SELECT set_config('bytea_output', 'hex', false)",
        "SELECT set_config('client_encoding', 'UTF8', false)", "SHOW client_encoding",
        "SELECT 'SET client_encoding = ''SJIS'''"})
    void safeEncodingsAndOtherSettingsPass(String sql) {
        assertThat(REWRITER.rewriteQuery(sql, 10).refusal()).as(sql).isNull();
    }

    @Test
    void startupParameterCheck() {
        assertThat(UnsafeClientEncoding.isUnsafe("SJIS")).isTrue();
        assertThat(UnsafeClientEncoding.isUnsafe("sjis")).isTrue();
        assertThat(UnsafeClientEncoding.isUnsafe("Big5")).isTrue();
        assertThat(UnsafeClientEncoding.isUnsafe("GB-18030")).isTrue();
        assertThat(UnsafeClientEncoding.isUnsafe("UTF8")).isFalse();
        assertThat(UnsafeClientEncoding.isUnsafe("EUC_KR")).isFalse();
        assertThat(UnsafeClientEncoding.isUnsafe("WIN1252")).isFalse();
        assertThat(UnsafeClientEncoding.isUnsafe(null)).isFalse();
        assertThat(UnsafeClientEncoding.refusal("SJIS").message()).contains("SJIS");
    }

    @Test
    void sessionBeliefFollowsPipelinedChanges() {
        ScsBelief belief = new ScsBelief();
        assertThat(belief.current()).isTrue();
        belief.planned(REWRITER.rewriteQuery("SET standard_conforming_strings = off", 10, belief.current()));
        assertThat(belief.current()).as("the SET may still fail").isNull();
        assertThat(REWRITER.rewriteQuery("SELECT 'a\\'; SELECT 1; -- '", 10, belief.current()).refusal()).isNotNull();
        belief.reported("off");
        belief.readyForQuery(true);
        assertThat(belief.current()).isFalse();
        belief.planned(REWRITER.rewriteStatement("RESET standard_conforming_strings", 10, belief.current()));
        assertThat(belief.current()).isNull();
        belief.reported("on");
        belief.readyForQuery(true);
        assertThat(belief.current()).isTrue();
    }
}
