package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.pgaw.proxy.guard.Decision;
import org.pgaw.proxy.guard.StatementRewrite;
import org.junit.jupiter.api.Test;

class PreparedStatementBudgetTest {
    @Test
    void namedStatementsAreTrackedExactlyAndCloseGivesTheirShareBack() {
        PreparedStatementBudget budget = new PreparedStatementBudget();
        for (int i = 0; i < PreparedStatementBudget.MAX_STATEMENTS; i++) assertThat(budget.admitParse("s" + i, 10)).isNull();
        assertThat(budget.admitParse("one-more", 10)).as("past the count").isNotNull();
        assertThat(budget.admitParse("", 10)).as("the unnamed statement replaces itself").isNull();
        assertThat(budget.admitParse("s1", 10)).as("a duplicate name PostgreSQL refuses itself").isNull();
        budget.closed("s1");
        assertThat(budget.admitParse("one-more", 10)).isNull();
    }

    @Test
    void textIsBoundedAsWellAsTheCount() {
        PreparedStatementBudget budget = new PreparedStatementBudget();
        int chars = 1 << 20;
        for (int i = 0; i < PreparedStatementBudget.MAX_TEXT_CHARS / chars; i++) assertThat(budget.admitParse("s" + i, chars)).isNull();
        assertThat(budget.admitParse("big", chars).message()).startsWith("pgaw:");
    }

    @Test
    void sqlPreparesCountForTheSessionsLifeAndOtherStatementsAreFree() {
        PreparedStatementBudget budget = new PreparedStatementBudget();
        StatementRewrite prepare = StatementRewrite.unchanged(Decision.NOT_A_QUERY, "/* x */ prepare p AS SELECT 1");
        StatementRewrite select = StatementRewrite.unchanged(Decision.NOT_A_QUERY, "SELECT 1");
        for (int i = 0; i < PreparedStatementBudget.MAX_STATEMENTS; i++) {
            assertThat(budget.admitQuery(List.of(prepare, select))).isNull();
        }
        assertThat(budget.admitQuery(List.of(select))).isNull();
        assertThat(budget.admitQuery(List.of(prepare)).hint()).contains("Reconnect");
    }
}
