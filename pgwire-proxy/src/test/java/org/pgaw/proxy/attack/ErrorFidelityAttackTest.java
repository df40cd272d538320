package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise E: a learner's malformed SQL gets the error PostgreSQL gives for the text the learner sent: same SQLSTATE,
 * message and position, through the guarded proxy as straight to PostgreSQL, by simple and by extended protocol.
 */
class ErrorFidelityAttackTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM atk.customer ORDER BY",
        "SELECT 1 +",
        "SELECT * FROM atk.customer WHERE",
        "SELECT * FROM atk.customer LIMIT",
        "SELECT * FROM atk.customer OFFSET",
        "SELECT * FROM atk.customer FETCH FIRST",
        "SELECT * FROM atk.customer GROUP BY",
        "SELECT * FROM atk.customer UNION",
        "SELECT * FROM atk.customer c JOIN",
        "SELECT (1",
        "SELECT 'unterminated",
        "SELECT \"unterminated",
        "SELECT /* unterminated comment",
        "SELECT $$ unterminated dollar",
        "WITH x AS (SELECT 1) SELECT * FROM",
        "SELECT * FROM atk.customer LIMIT 10 LIMIT 5",
        "SELECT * FROM atk.customer LIMIT 'x'",
        "SELECT * FROM atk.customer LIMIT -1",
        "SELECT * FROM atk.customer FOR",
        "SELECT * FROM nosuch_table",
        "SELECT nosuch_column FROM atk.customer",
        "SELECT * FROM atk.customer\nWHERE id = 1\n  AND nosuch = 2",
        "SELECT * FROM atk.customer WHERE id = 'abc'",
        "SELECT id / 0 FROM atk.customer",
        "SELECT * FROM atk.customer ORDER BY nosuch",
        "SELECT * FROM atk.customer WHERE name LIKE",
        "SELECT * FROM atk.customer c, (SELECT 1 AS \"into\") s WHERE s.into =",
        "SELEC * FROM atk.customer",
        "SELECT * FROM atk.customer;; SELECT * FROM",
        "/* a comment first */ SELECT * FROM atk.customer ORDER BY nosuch",
        "SELECT * FROM atk.customer LIMIT 5 OFFSET 'y'",
        "SELECT * FROM atk.customer FETCH FIRST 'z' ROWS ONLY",
        "DECLARE c CURSOR FOR SELECT * FROM atk.customer ORDER BY",
        "COPY (SELECT * FROM atk.customer ORDER BY) TO STDOUT",
        "PREPARE p AS SELECT * FROM atk.customer WHERE",
        "EXPLAIN SELECT * FROM atk.customer ORDER BY",
        "SELECT * FROM atk.customer WHERE id IN (SELECT",
    })
    void theLearnerReadsPostgresqlsOwnError(String sql) throws Exception {
        Map<Character, String> direct;
        Map<Character, String> proxied;
        try (Wire d = Wire.direct(AttackDb.LEARNER)) {
            direct = lastError(d.simple(sql));
        }
        try (Wire p = Wire.learner()) {
            proxied = lastError(p.simple(sql));
        }
        assertThat(direct).as("the case itself is malformed SQL").isNotNull();
        assertThat(proxied).as("E: an error through the proxy").isNotNull();
        assertThat(pick(proxied)).as("E: simple Query %s", sql).isEqualTo(pick(direct));
        if (!sql.contains(";")) {
            Map<Character, String> de;
            Map<Character, String> pe;
            try (Wire d = Wire.direct(AttackDb.LEARNER)) {
                de = lastError(d.send(Pg.extended(sql, 0), Pg.sync()).untilReady());
            }
            try (Wire p = Wire.learner()) {
                pe = lastError(p.send(Pg.extended(sql, 0), Pg.sync()).untilReady());
            }
            assertThat(pick(pe)).as("E: extended protocol %s", sql).isEqualTo(pick(de));
        }
    }

    private static Map<Character, String> lastError(List<Result> rs) {
        return rs.stream().filter(Result::isError).map(Result::error).reduce((a, b) -> b).orElse(null);
    }

    private static String pick(Map<Character, String> e) {
        return e == null ? null : "C=" + e.get('C') + " M=" + e.get('M') + " P=" + e.get('P') + " D=" + e.get('D');
    }
}
