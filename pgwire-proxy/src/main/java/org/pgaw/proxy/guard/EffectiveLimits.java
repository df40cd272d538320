package org.pgaw.proxy.guard;

import java.time.Duration;
import org.pgaw.proxy.config.GuardConfig.BudgetMode;

/**
 * The guards of one session, every field resolved: 0 / {@link Duration#ZERO} means "off".
 *
 * @param exempt                   no guard applies (an exempt role, or guards disabled): every other field is off
 * @param maxRows                  rows a top-level query returns at most; 0 = no row cap
 * @param maxResultBytes           bytes of one statement's result forwarded at most; 0 = no byte budget
 * @param budgetMode               what happens at the byte budget
 * @param statementTimeout         proxy-enforced statement timer
 * @param idleInTransactionTimeout how long a transaction may sit idle
 * @param idleSessionTimeout       how long a session may sit idle outside a transaction
 * @param catalogMaxRows           rows of a catalog-only result at most (0 = the row cap; never below it)
 * @param maxTransactionDuration   longest a transaction may live however busy; zero = off
 * @param source                   which rule decided, for logs and the admin page, e.g. {@code policy #2 (role=student*)}
 */
public record EffectiveLimits(boolean exempt, int maxRows, long maxResultBytes, BudgetMode budgetMode,
                              Duration statementTimeout, Duration idleInTransactionTimeout,
                              Duration idleSessionTimeout, String source, int catalogMaxRows,
                              Duration maxTransactionDuration) {

    /** Without a catalog cap of its own (the row cap applies) and without a transaction age limit. */
    public EffectiveLimits(boolean exempt, int maxRows, long maxResultBytes, BudgetMode budgetMode,
                           Duration statementTimeout, Duration idleInTransactionTimeout, Duration idleSessionTimeout,
                           String source) {
        this(exempt, maxRows, maxResultBytes, budgetMode, statementTimeout, idleInTransactionTimeout,
                idleSessionTimeout, source, 0, Duration.ZERO);
    }

    static EffectiveLimits unguarded(String source) {
        return new EffectiveLimits(true, 0, 0, BudgetMode.TRUNCATE, Duration.ZERO, Duration.ZERO, Duration.ZERO, source);
    }

    public boolean rowCapOn() {
        return maxRows > 0;
    }

    public boolean byteBudgetOn() {
        return maxResultBytes > 0;
    }
}
