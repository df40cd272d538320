package org.pgaw.proxy.config;

import java.time.Duration;
import java.util.List;

/**
 * The guards' defaults and per-role / database / application policies. A learner cannot change these:
 * they live in the proxy's configuration only.
 *
 * @param enabled             master switch (off = a plain transparent proxy)
 * @param limits              what applies when no policy matches
 * @param policies            first match wins; a policy's null fields inherit {@code limits}
 * @param exemptRoles         roles (the teacher) no guard touches
 * @param allow               statement categories learners may run beyond reading ({@code ddl}, {@code dml}, ...;
 *                            see GUARDS.md "What a learner may do"); empty = deny by default
 */
public record GuardConfig(boolean enabled, GuardLimits limits, List<GuardPolicy> policies, List<String> exemptRoles,
                          List<String> allow) {
    /** Deny by default: nothing allowed beyond reading. */
    public GuardConfig(boolean enabled, GuardLimits limits, List<GuardPolicy> policies, List<String> exemptRoles) {
        this(enabled, limits, policies, exemptRoles, List.of());
    }

    public static GuardConfig defaults() {
        return new GuardConfig(true, GuardLimits.defaults(), List.of(), List.of(), List.of());
    }

    /**
     * @param maxRows                  rows a top-level SELECT returns at most (0 = no row limit)
     * @param maxResultBytes           bytes of one statement's result (DataRow, CopyData) forwarded at most (0 = off)
     * @param budgetMode               TRUNCATE (notice, normal completion) or ERROR (SQLSTATE 54000)
     * @param statementTimeout         proxy-enforced; zero = off
     * @param idleInTransactionTimeout zero = off
     * @param idleSessionTimeout       zero = off
     * @param catalogMaxRows           rows a catalog-only result (pgAdmin's tree, autocomplete) returns at most
     * @param maxTransactionDuration   longest a transaction may live however busy; zero = off
     */
    public record GuardLimits(Integer maxRows, Long maxResultBytes, BudgetMode budgetMode, Duration statementTimeout,
                              Duration idleInTransactionTimeout, Duration idleSessionTimeout, Integer catalogMaxRows,
                              Duration maxTransactionDuration) {
        /** The limits before catalog_max_rows and max_transaction_duration existed (those inherit). */
        public GuardLimits(Integer maxRows, Long maxResultBytes, BudgetMode budgetMode, Duration statementTimeout,
                           Duration idleInTransactionTimeout, Duration idleSessionTimeout) {
            this(maxRows, maxResultBytes, budgetMode, statementTimeout, idleInTransactionTimeout, idleSessionTimeout,
                    null, null);
        }

        public static GuardLimits defaults() {
            return new GuardLimits(1000, 64L * 1024 * 1024, BudgetMode.TRUNCATE, Duration.ofSeconds(30),
                    Duration.ofMinutes(5), Duration.ZERO, 10_000, Duration.ofMinutes(10));
        }
    }

    public enum BudgetMode { TRUNCATE, ERROR }

    /**
     * Glob patterns ({@code *}, {@code ?}); null matches anything.
     *
     * @param allow statement categories this policy allows; null inherits {@code guard.allow}, empty allows none
     */
    public record GuardPolicy(String role, String database, String application, GuardLimits limits, List<String> allow) {
        /** A policy that inherits guard.allow. */
        public GuardPolicy(String role, String database, String application, GuardLimits limits) {
            this(role, database, application, limits, null);
        }
    }
}
