package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties every rewrite must have, checked over the corpus and over statements generated from fragments:
 * the rewritten text differs from the original only in the limit ({@link LimitOnlyDiff}), it still parses with
 * JSqlParser whenever the original did, unchanged decisions leave the text alone, and capped statements are capped
 * at maxRows.
 */
class LimitRewriterPropertyTest {
    private static final int MAX_ROWS = 1000;
    private static final LimitRewriter REWRITER = new LimitRewriter();

    @Test
    void corpusRewritesChangeOnlyTheLimitAndStillParse() throws IOException {
        int checked = 0;
        for (RewriteCorpus c : RewriteCorpus.all()) {
            if (c.wholeQuery()) {
                RewriteResult r = REWRITER.rewriteQuery(c.input(), MAX_ROWS);
                if (!r.planned()) {
                    assertThat(r.refusal()).as(c.toString()).isNotNull();
                    assertThat(r.sql()).as(c.toString()).isEqualTo(c.input());
                    continue;
                }
                List<StatementSpan> spans = SqlLexer.split(c.input()).statements();
                assertThat(r.statements()).as(c.toString()).hasSameSizeAs(spans);
                for (int i = 0; i < spans.size(); i++) {
                    String original = c.input().substring(spans.get(i).start(), spans.get(i).end());
                    checkOne(c.toString(), original, r.statements().get(i));
                    checked++;
                }
            } else {
                checkOne(c.toString(), c.input(), REWRITER.rewriteStatement(c.input(), MAX_ROWS));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(250);
    }

    @Test
    void generatedStatementsAreAlwaysCappedAndChangeOnlyTheLimit() {
        List<String> generated = generate(1500, 20261128L);
        int capped = 0;
        int parsedBoth = 0;
        for (String sql : generated) {
            StatementRewrite s = REWRITER.rewriteStatement(sql, MAX_ROWS);
            assertThat(s.decision()).as(sql).isIn(Decision.LIMIT_ADDED, Decision.LIMIT_LOWERED,
                    Decision.LIMIT_WRAPPED, Decision.UNCHANGED_SMALLER_LIMIT);
            parsedBoth += checkOne(sql, sql, s) ? 1 : 0;
            capped += s.capped() ? 1 : 0;
            RewriteResult whole = REWRITER.rewriteQuery(sql + "\n;\nSELECT 1;", MAX_ROWS);
            assertThat(whole.statements()).as(sql).hasSize(2);
            assertThat(whole.statements().get(0).decision()).as(sql).isEqualTo(s.decision());
            assertThat(whole.statements().get(0).capRows()).as(sql).isEqualTo(s.capRows());
            assertThat(whole.sql()).as(sql).isEqualTo(s.sql() + "\n;\nSELECT 1 LIMIT 1001;");
        }
        assertThat(capped).as("most generated statements need a cap").isGreaterThan(generated.size() / 2);
        assertThat(parsedBoth).as("JSqlParser read enough of them to make the parse check meaningful")
                .isGreaterThan(generated.size() / 4);
    }

    /** @return whether JSqlParser parsed the original (and so, as asserted, the rewrite too) */
    private static boolean checkOne(String label, String original, StatementRewrite s) {
        if (!s.decision().rewritten()) {
            assertThat(s.sql()).as(label + " unchanged text").isEqualTo(original);
            assertThat(s.capRows()).as(label).isLessThanOrEqualTo(MAX_ROWS);
            return false;
        }
        assertThat(s.capRows()).as(label).isEqualTo(MAX_ROWS);
        int ask = s.cursorName() != null ? MAX_ROWS : MAX_ROWS + 1; // a cursor holds exactly maxRows rows
        assertThat(LimitOnlyDiff.check(original, s.sql(), ask)).as(label).isNull();
        String parseable = stripDeclare(original);
        if (parseable == null || ParserCrossCheck.parse(parseable) == null) {
            return false;
        }
        if (s.decision() == Decision.LIMIT_WRAPPED && !s.sql().contains("FETCH") && !s.sql().contains("fetch")) {
            // JSqlParser 5.3 reads no two-argument expression after LIMIT (it takes the comma for MySQL's
            // "LIMIT offset, count"), so LIMIT LEAST($1, n) cannot pass here; RewritesOnPostgresTest runs that form
            // on a real PostgreSQL instead, and LimitOnlyDiff above proved the rest of the text untouched.
            return false;
        }
        assertThat(ParserCrossCheck.parse(stripDeclare(s.sql()))).as(label + " rewritten still parses: " + s.sql())
                .isNotNull();
        return true;
    }

    /** JSqlParser does not read DECLARE: check the cursor's query instead. Also drops a trailing semicolon. */
    private static String stripDeclare(String sql) {
        String s = sql.strip();
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.regionMatches(true, 0, "DECLARE", 0, 7)) {
            SqlTokens t = SqlLexer.lex(s);
            for (int i = 0; i < t.size(); i++) {
                if (t.isWord(i, "FOR")) {
                    return s.substring(t.start(i + 1));
                }
            }
            return null;
        }
        return s;
    }

    static List<String> generate(int count, long seed) {
        String[] prefixes = {"", "/* homework */ ", "WITH w AS (SELECT 1 AS one) ", "-- q1\n"};
        String[] selects = {"SELECT *", "SELECT a, b", "SELECT DISTINCT a", "SELECT count(*) OVER (ORDER BY a)",
            "SELECT a::text || 'x; LIMIT 3'", "SELECT DISTINCT ON (a) a, b", "SELECT $$dollar$$ AS d, E'e\\'s'"};
        String[] froms = {"FROM sales.t", "FROM sales.t t JOIN sales.u u ON t.id = u.id",
            "FROM sales.t t, LATERAL (SELECT 1 AS x LIMIT 5) l", "FROM (SELECT * FROM sales.t LIMIT 5000) s",
            "FROM sales.t AS \"limit\"", "FROM generate_series(1, 100000) g(a)"};
        String[] wheres = {"", "WHERE a > 1", "WHERE b IN (SELECT b FROM sales.u LIMIT 3)", "WHERE c = 'x; LIMIT 2'",
            "WHERE a = $2", "WHERE d @> ARRAY[1]", "WHERE a > 1 /* LIMIT 4 */"};
        String[] setOps = {"", " UNION SELECT a, b FROM sales.u", " EXCEPT ALL SELECT 1, 2"};
        String[] orders = {"", "ORDER BY 1", "ORDER BY a DESC NULLS LAST", "GROUP BY a, b ORDER BY count(*)"};
        String[] tails = {"", "LIMIT 10", "LIMIT 5000", "LIMIT ALL", "LIMIT $1", "OFFSET 5", "LIMIT 5000 OFFSET 5",
            "OFFSET 5 LIMIT 5000", "FETCH FIRST 5000 ROWS ONLY", "OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY",
            "LIMIT 1000", "LIMIT 1001", "LIMIT 10 + 10", "LIMIT NULL", "FETCH FIRST ROW ONLY"};
        String[] locks = {"", "FOR UPDATE", "FOR SHARE OF t NOWAIT"};
        String[] suffixes = {"", " -- end", ";", " /* x */;", "\n"};
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String sql = pick(random, prefixes) + pick(random, selects) + " " + pick(random, froms) + " "
                    + pick(random, wheres) + pick(random, setOps) + " " + pick(random, orders) + " "
                    + pick(random, tails) + " " + pick(random, locks);
            out.add(sql.strip().replaceAll(" +", " ") + pick(random, suffixes));
        }
        return out;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
