package org.pgaw.proxy.resilience;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statements of a given size (just under the statement bound, so the guards read all of them) built to make a
 * lexer, a splitter or a regular expression work more than linearly: deep nesting, unterminated constructs, runs
 * of one character, and the issue's FETCH that made a backtracking pattern stall the event loop.
 */
final class AdversarialInputs {
    private AdversarialInputs() { }

    /** The issue's input: statements {@code FETCH aaa…a!}, each just under the pattern's 1000-character cap. */
    static String fetchBang(int size) {
        String one = "FETCH " + "a".repeat(992) + "!;";
        return one.repeat(size / one.length());
    }

    /**
     * Deeply nested comments ({@code /*} repeated): PostgreSQL's own scanner takes quadratic time on them (measured
     * on PostgreSQL 17: 8 KiB 0.4 s, 16 KiB 1.2 s, 32 KiB 3.7 s, 64 KiB 15 s of backend CPU, not interruptible by a
     * cancel), whatever the proxy does. Kept apart: they measure the server, not the proxy's event loop.
     */
    static Map<String, String> nestedComments(int size) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nested comments, unterminated", "SELECT 1 " + "/*".repeat(size / 2 - 10));
        m.put("nested comments, terminated", "SELECT 1 " + "/*".repeat(size / 4) + "*/".repeat(size / 4));
        m.put("comment openers and closers", "SELECT 1 /*" + "*/*".repeat(size / 3 - 5) + "*/");
        return m;
    }

    /** Everything else, by name; each about {@code size} bytes (ASCII). */
    static Map<String, String> all(int size) {
        final int SIZE = size;
        Map<String, String> m = new LinkedHashMap<>();
        int half = SIZE / 2 - 10;
        m.put("nested parentheses", "SELECT " + "(".repeat(half) + "1" + ")".repeat(half));
        m.put("unclosed parentheses", "SELECT " + "(".repeat(SIZE - 10));
        m.put("one long comment", "SELECT 1 /*" + "*".repeat(SIZE - 14) + "*/");
        m.put("unterminated comment", "SELECT 1 /*" + " ".repeat(SIZE - 12));
        m.put("doubled quotes in a literal", "SELECT '" + "''".repeat(half) + "'");
        m.put("unterminated literal", "SELECT '" + "a".repeat(SIZE - 10));
        m.put("unterminated escape literal", "SELECT E'" + "\\'".repeat(half));
        m.put("unicode escapes", "SELECT U&'" + "\\0061".repeat(SIZE / 6 - 5) + "'");
        m.put("dollar signs", "SELECT $a$" + "$".repeat(SIZE - 12));
        m.put("empty dollar quotes", "SELECT " + "$$".repeat(half));
        m.put("dollar tags", "SELECT " + "$a$ $b$".repeat(SIZE / 7 - 2));
        m.put("long identifier", "SELECT " + "a".repeat(SIZE - 10));
        m.put("long quoted identifier", "SELECT \"" + "a".repeat(SIZE - 12) + "\"");
        m.put("doubled quotes in an identifier", "SELECT \"" + "\"\"".repeat(half) + "\"");
        m.put("unterminated quoted identifier", "SELECT \"" + "a".repeat(SIZE - 10));
        m.put("semicolons", ";".repeat(SIZE));
        m.put("many tiny statements", "SELECT 1;".repeat(SIZE / 9 / 10));
        m.put("quoted FETCH names", ("FETCH \"" + "\"\"".repeat(495) + "!;").repeat(SIZE / 1000));
        m.put("FETCH with many words", ("FETCH " + "FORWARD ".repeat(120) + "!;").repeat(SIZE / 1000));
        m.put("UNION chain", "SELECT 1" + " UNION SELECT 1".repeat(SIZE / 15 - 1));
        m.put("CTE chain", "WITH a0 AS (SELECT 1)" + ", a AS (SELECT 1)".repeat(SIZE / 18 - 2) + " SELECT 1");
        m.put("LIMIT words", "SELECT 1" + " LIMIT 1".repeat(SIZE / 8 - 1));
        m.put("keywords", "SELECT " + "select from where limit fetch ".repeat(SIZE / 31));
        m.put("backslashes", "SELECT '" + "\\".repeat(SIZE - 10) + "'");
        m.put("multibyte text", "SELECT '" + "é€𝄞".repeat(SIZE / 10) + "'");
        m.put("NUL-free control bytes", "SELECT '" + "\u0001\u007f".repeat(half) + "'");
        return m;
    }
}
