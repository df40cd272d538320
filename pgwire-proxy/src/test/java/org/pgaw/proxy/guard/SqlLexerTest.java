package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {
    private static List<String> tokens(String sql) {
        SqlTokens t = SqlLexer.lex(sql);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.type(i) + ":" + t.text(i));
        }
        return out;
    }

    private static List<String> statements(String sql) {
        QuerySplit split = SqlLexer.split(sql);
        assertThat(split.certain()).as(split.uncertainReason()).isTrue();
        return split.statements().stream().map(s -> sql.substring(s.start(), s.end())).toList();
    }

    @Test
    void wordsNumbersOperatorsPunctuation() {
        assertThat(tokens("SELECT a.b, 1.5e3, .5, 0x1F, 1_000 FROM t WHERE x::int >= $1;")).containsExactly(
                "WORD:SELECT", "WORD:a", "DOT:.", "WORD:b", "COMMA:,", "NUMBER:1.5e3", "COMMA:,", "NUMBER:.5",
                "COMMA:,", "NUMBER:0x1F", "COMMA:,", "NUMBER:1_000", "WORD:FROM", "WORD:t", "WORD:WHERE", "WORD:x",
                "OPERATOR:::", "WORD:int", "OPERATOR:>=", "PARAM:$1", "SEMICOLON:;");
    }

    @Test
    void strings() {
        assertThat(tokens("'a''b' E'c\\'d' e'\\\\' U&'x' B'01' X'ff' N'n' 'back\\'")).containsExactly(
                "STRING:'a''b'", "STRING:E'c\\'d'", "STRING:e'\\\\'", "STRING:U&'x'", "STRING:B'01'",
                "STRING:X'ff'", "STRING:N'n'", "STRING:'back\\'");
    }

    @Test
    void dollarQuotes() {
        assertThat(tokens("$$a;b$$ $t$x $$ y$t$ $1 a$b$ $")).containsExactly(
                "STRING:$$a;b$$", "STRING:$t$x $$ y$t$", "PARAM:$1", "WORD:a$b$", "OTHER:$");
    }

    @Test
    void identifiers() {
        SqlTokens t = SqlLexer.lex("\"Quoted \"\"Name\"\"\" Plain U&\"d\\0061t\"");
        assertThat(t.type(0)).isEqualTo(TokenType.QUOTED_IDENT);
        assertThat(t.identifier(0)).isEqualTo("Quoted \"Name\"");
        assertThat(t.identifier(1)).as("unquoted names fold to lower case").isEqualTo("plain");
        assertThat(t.type(2)).isEqualTo(TokenType.QUOTED_IDENT);
        assertThat(t.isWord(1, "PLAIN")).isTrue();
        assertThat(t.isWord(0, "QUOTED")).isFalse();
    }

    @Test
    void commentsAreNotTokens() {
        assertThat(tokens("a -- x; y\n b /* c /* nested; */ d */ e /**/ f --")).containsExactly(
                "WORD:a", "WORD:b", "WORD:e", "WORD:f");
        assertThat(tokens("2*-- star then comment\n3")).containsExactly("NUMBER:2", "OPERATOR:*", "NUMBER:3");
        assertThat(tokens("a/*x*/-/*y*/b")).containsExactly("WORD:a", "OPERATOR:-", "WORD:b");
    }

    @Test
    void operators() {
        assertThat(tokens("a->>'k' #> @> <@ ?| !~* -|- <-> a[1:2]")).containsExactly("WORD:a", "OPERATOR:->>",
                "STRING:'k'", "OPERATOR:#>", "OPERATOR:@>", "OPERATOR:<@", "OPERATOR:?|", "OPERATOR:!~*",
                "OPERATOR:-|-", "OPERATOR:<->", "WORD:a", "LBRACKET:[", "NUMBER:1", "OTHER::", "NUMBER:2",
                "RBRACKET:]");
    }

    @Test
    void unterminatedTextIsReported() {
        assertThat(SqlLexer.lex("SELECT 'x").unterminated()).isTrue();
        assertThat(SqlLexer.lex("SELECT \"x").unterminated()).isTrue();
        assertThat(SqlLexer.lex("SELECT $a$ x").unterminated()).isTrue();
        assertThat(SqlLexer.lex("SELECT /* /* */").unterminated()).isTrue();
        assertThat(SqlLexer.lex("SELECT E'\\'").unterminated()).isTrue();
        assertThat(SqlLexer.lex("SELECT 'x' -- '").unterminated()).isFalse();
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertThat(statements("SELECT 1; SELECT ';' ; SELECT $$;$$;; -- ;\n/* ; */ SELECT 4"))
                .containsExactly("SELECT 1", "SELECT ';'", "SELECT $$;$$", "SELECT 4");
        assertThat(statements("")).isEmpty();
        assertThat(statements(" ; ;-- x\n")).isEmpty();
        assertThat(statements("SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void saysWhenItCannotBeSure() {
        assertThat(SqlLexer.split("CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END").uncertainReason())
                .isEqualTo("BEGIN ATOMIC body");
        assertThat(SqlLexer.split("SELECT 'x").uncertainReason()).isEqualTo("unterminated quoted string");
        assertThat(SqlLexer.split("SELECT /* x").uncertainReason()).isEqualTo("unterminated /* comment");
        assertThat(SqlLexer.split("SELECT \"x").uncertainReason()).isEqualTo("unterminated quoted identifier");
        assertThat(SqlLexer.split("SELECT $a$ x").uncertainReason()).isEqualTo("unterminated dollar-quoted string");
        assertThat(SqlLexer.split("SELECT B'01").uncertainReason()).isEqualTo("unterminated bit string literal");
        assertThat(SqlLexer.split("SELECT 1;" + " x".repeat(SqlTokens.MAX_TOKENS)).uncertainReason())
                .startsWith("more than");
        assertThat(SqlLexer.split("BEGIN; SELECT atomic FROM t").certain()).isTrue();
    }

    /**
     * A {@code ;} inside parentheses is CREATE RULE's (one statement) or a syntax error of the whole Query; either
     * way the statements around it are split as PostgreSQL will.
     */
    @Test
    void semicolonsInsideParenthesesDoNotEndAStatement() {
        assertThat(statements("CREATE RULE r AS ON INSERT TO t DO (SELECT 1; SELECT 2); SELECT 3"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO (SELECT 1; SELECT 2)", "SELECT 3");
        assertThat(statements("SELECT (1; SELECT 2")).containsExactly("SELECT (1; SELECT 2");
        assertThat(statements("SELECT 1); SELECT 2")).containsExactly("SELECT 1)", "SELECT 2");
    }

    @Test
    void unterminatedTextIsRefusedWithPostgresqlsMessageAndPosition() {
        RewriteResult r = new LimitRewriter().rewriteQuery("SELECT 1; SELECT 'oops", 10);
        assertThat(r.refusal()).isNotNull();
        assertThat(r.refusal().sqlState()).isEqualTo("42601");
        assertThat(r.refusal().message()).isEqualTo("unterminated quoted string at or near \"'oops\"");
        assertThat(r.refusal().position()).isEqualTo(18);
    }

    @Test
    void backslashesQuoteWhenStandardConformingStringsIsOff() {
        String sql = "SELECT 'a\\'; SELECT 2; -- '";
        assertThat(SqlLexer.split(sql, true).statements()).hasSize(2);
        QuerySplit off = SqlLexer.split(sql, false);
        assertThat(off.certain()).isTrue();
        assertThat(off.statements()).as("one string up to the last quote").hasSize(1);
        LimitRewriter rewriter = new LimitRewriter();
        assertThat(rewriter.rewriteQuery(sql, 10, false).sql()).isEqualTo("SELECT 'a\\'; SELECT 2; -- ' LIMIT 11");
    }

    @Test
    void adversarialShapesStayLinear() {
        String ctes = "WITH " + "x AS (".repeat(100_000) + "SELECT 1" + ")".repeat(100_000) + " SELECT 1";
        String columnLists = "WITH " + ", x (".repeat(100_000) + " SELECT 1";
        long t0 = System.nanoTime();
        LimitRewriter r = new LimitRewriter(0, false);
        r.rewriteQuery(ctes, 10);
        r.rewriteQuery(columnLists, 10);
        // ~0.3 s here; a quadratic scan would take minutes. The bound is loose because CI machines are shared.
        assertThat(System.nanoTime() - t0).as("no quadratic scans").isLessThan(30_000_000_000L);
        String longString = "SELECT '" + "x".repeat(4 * 1024 * 1024) + "'";
        assertThat(r.rewriteQuery(longString, 10).statements().get(0).decision()).as("chars are not tokens")
                .isEqualTo(Decision.LIMIT_ADDED);
        String tooManyTokens = "SELECT " + "1,".repeat(SqlTokens.MAX_TOKENS) + "1";
        assertThat(r.rewriteQuery(tooManyTokens, 10).refusal().sqlState()).isEqualTo("54001");
        assertThat(r.rewriteStatement(tooManyTokens, 10).refusal()).isNotNull();
    }

    @Test
    void largeInputsLexInLinearTime() {
        String big = "SELECT " + "a + ".repeat(200_000) + "1";
        long t0 = System.nanoTime();
        SqlTokens t = SqlLexer.lex(big);
        assertThat(t.size()).isEqualTo(400_002);
        assertThat(System.nanoTime() - t0).as("well under a second for 800 kB, loosely bounded").isLessThan(30_000_000_000L);
        String nested = "SELECT " + "(".repeat(50_000) + "1" + ")".repeat(50_000);
        assertThat(new LimitRewriter().rewriteQuery(nested, 10).statements().get(0).decision())
                .isEqualTo(Decision.LIMIT_ADDED);
        String nestedFrom = "SELECT * FROM " + "(".repeat(50_000) + "pg_class" + ")".repeat(50_000);
        assertThat(new LimitRewriter().rewriteQuery(nestedFrom, 10).statements().get(0).decision())
                .as("deep nesting is read without recursion").isIn(Decision.CATALOG_ONLY, Decision.LIMIT_ADDED);
    }
}
