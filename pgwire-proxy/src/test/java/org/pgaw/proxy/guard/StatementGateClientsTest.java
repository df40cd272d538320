package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What real clients send (pgAdmin 4's tree, dashboards and init string, psql's \d commands, pgjdbc, psycopg,
 * pgbench's select-only script), and the PostgreSQL-shaped queries of the rewriter's corpus: the gate lets every
 * statement of them through, except the writes listed here.
 */
class StatementGateClientsTest {
    /** The corpora's writes (pgbench's tpcb-like script, a DDL/DML mix, pgAdmin's cursor over a DELETE). */
    private static final java.util.Set<String> EXPECTED_WRITES = java.util.Set.of(
            "DECLARE \"CURSOR:CONN:1\" SCROLL CURSOR FOR DELETE FROM sales.t",
            "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
            "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)",
            "UPDATE sales.customer SET territoryid = 1 WHERE customerid = 1",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; SELECT 2 $$");

    @Test
    void realClientStatementsAreAllowed() throws IOException {
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (String file : new String[] {"rewrite-clients.txt", "rewrite-postgres.txt", "rewrite-basic.txt"}) {
            for (RewriteCorpus c : RewriteCorpus.read(file)) {
                QuerySplit split = SqlLexer.split(c.input());
                if (!split.certain()) continue;
                for (StatementSpan s : split.statements()) {
                    checked++;
                    Refusal r = StatementGate.defaults().check(split.tokens(), s.firstToken(), s.endToken());
                    String sql = c.input().substring(s.start(), s.end());
                    if (r != null && !EXPECTED_WRITES.contains(sql)) {
                        refused.add(c + ": " + sql + " -> " + r.message());
                    }
                    if (r == null && EXPECTED_WRITES.contains(sql)) {
                        refused.add(c + ": " + sql + " was allowed but it writes");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
        assertThat(refused).isEmpty();
    }
}
