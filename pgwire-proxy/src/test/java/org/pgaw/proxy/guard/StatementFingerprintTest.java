package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fingerprints name a statement's shape: constants, comments and layout do not count; anything else does. */
class StatementFingerprintTest {
    @Test
    void statementsThatDifferOnlyInConstantsShareAFingerprint() {
        // String.hashCode gave 593b13ee and 593b13ef for these: neither normalised nor a real hash.
        String one = StatementFingerprint.of("SELECT * FROM sales.customer WHERE customerid > 1");
        assertThat(one).matches("[0-9a-f]{12}");
        assertThat(StatementFingerprint.of("SELECT *  FROM sales.customer\n WHERE customerid > 2 -- again")).isEqualTo(one);
        assertThat(StatementFingerprint.of("SELECT * FROM /* who */ sales.customer WHERE customerid > 424242;")).isEqualTo(one);
    }

    @Test
    void aDifferentShapeHasADifferentFingerprint() {
        String one = StatementFingerprint.of("SELECT * FROM sales.customer WHERE customerid > 1");
        assertThat(StatementFingerprint.of("SELECT * FROM sales.customer WHERE customerid < 1")).isNotEqualTo(one);
        assertThat(StatementFingerprint.of("SELECT * FROM sales.customer WHERE storeid > 1")).isNotEqualTo(one);
        assertThat(StatementFingerprint.of("SELECT * FROM sales.customer WHERE customerid > 1; SELECT 1")).isNotEqualTo(one);
    }

    @Test
    void anyTextHasOne() {
        assertThat(StatementFingerprint.of("")).matches("[0-9a-f]{12}");
        assertThat(StatementFingerprint.of("SELECT 'unterminated")).matches("[0-9a-f]{12}");
        assertThat(StatementFingerprint.of("SELECT " + "x, ".repeat(20_000) + "1")).matches("[0-9a-f]{12}");
        assertThat(StatementFingerprint.of(null)).isEmpty();
    }
}
