package org.pgaw.proxy.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A statement's shape as a short, stable name: the first {@value #HEX_CHARS} hex digits of the SHA-256 of its
 * normalised text, the very key the plan cache stores plans under ({@link PlanCache#key}: every token but the
 * constants' values, comments and layout dropped). {@code ... WHERE customerid > 1} and {@code > 2} share a
 * fingerprint, so the logs and the teacher's console can say how many learners ran the same statement.
 *
 * <p>Computed only when a guard acts (never per statement): lexing the text again costs linear time once.
 */
public final class StatementFingerprint {
    static final int HEX_CHARS = 12;

    private StatementFingerprint() { }

    /** The fingerprint of a Query or Parse text; "" for null. */
    public static String of(String sql) {
        if (sql == null) return "";
        MessageDigest sha = sha256();
        SqlTokens t = SqlLexer.lex(sql, true);
        QuerySplit split = SqlLexer.split(t);
        if (t.overflow() || split.statements().isEmpty()) {
            sha.update(sql.strip().getBytes(StandardCharsets.UTF_8));
        }
        for (StatementSpan s : split.statements()) {
            String key = PlanCache.key(t, s.firstToken(), s.endToken());
            // Longer than the cache ever keys: the statement's own text stands for its shape.
            sha.update((key != null ? key : sql.substring(s.start(), s.end())).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ';');
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_CHARS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
