package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names as PostgreSQL stores them: case folding, quoting, Unicode escapes, 63-byte truncation. */
class IdentifiersTest {
    private static String name(String sql) {
        return SqlLexer.lex(sql).identifier(0);
    }

    @Test
    void unquotedNamesFoldOnlyAsciiLetters() {
        assertThat(name("MyCursor")).isEqualTo("mycursor");
        assertThat(name("ÄBC")).as("UTF-8 server: non-ASCII letters keep their case").isEqualTo("Äbc");
    }

    @Test
    void quotedNamesKeepCaseAndUndoubleQuotes() {
        assertThat(name("\"CURSOR:CONN:1\"")).isEqualTo("CURSOR:CONN:1");
        assertThat(name("\"a\"\"b\"")).isEqualTo("a\"b");
        assertThat(name("\"\"")).as("a zero-length name is an error in PostgreSQL").isNull();
    }

    @Test
    void unicodeEscapedNames() {
        assertThat(name("U&\"d\\0061t\\+000061\"")).isEqualTo("data");
        assertThat(name("u&\"d!0061t\" UESCAPE '!'")).isEqualTo("dat");
        assertThat(SqlLexer.lex("U&\"d!0061t\" UESCAPE '!'").identifierLength(0)).isEqualTo(3);
        assertThat(name("U&\"a\\\\b\"")).isEqualTo("a\\b");
        assertThat(name("U&\"bad\\00\"")).isNull();
        assertThat(name("U&\"x\" UESCAPE '+'")).as("+ cannot be the escape").isNull();
    }

    @Test
    void namesAreCutTo63Bytes() {
        assertThat(name("a".repeat(70))).isEqualTo("a".repeat(63));
        assertThat(name("\"" + "é".repeat(40) + "\"")).as("two-byte characters are never split")
                .isEqualTo("é".repeat(31));
    }

    @Test
    void aWordAfterADotIsNeverAKeyword() {
        SqlTokens t = SqlLexer.lex("s.limit limit");
        assertThat(t.isWord(2, "LIMIT")).isFalse();
        assertThat(t.isWord(3, "LIMIT")).isTrue();
    }
}
