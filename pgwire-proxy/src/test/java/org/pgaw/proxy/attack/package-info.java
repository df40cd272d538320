/**
 * The attacker's suite: a hostile-but-clever learner against every promise a teacher is told, counted on the wire.
 *
 * <ul>
 *   <li>R, rows: {@code RowCapAttackTest} (simple-Query routes the rewriter leaves alone, misreads or gives up on),
 *       {@code CursorAttackTest}, {@code ExtendedRouteAttackTest}, {@code EncodingAttackTest};</li>
 *   <li>B, bytes: {@code ByteBudgetAttackTest} (rows, one huge value, COPY, notices, errors, FunctionCall);</li>
 *   <li>T, timer: {@code TimerAttackTest} (every route, pipelines, a cancel never lands on the next statement);</li>
 *   <li>I, idle transactions: {@code IdleAttackTest} (observed as the locks the teacher can take);</li>
 *   <li>W, writes and escapes: {@code WriteAttackTest} (deny by default; the learner roles hold real privileges);</li>
 *   <li>X, isolation: {@code IsolationAttackTest}; P, the proxy itself: {@code ProxyDosAttackTest};</li>
 *   <li>E, errors: {@code ErrorFidelityAttackTest} (message and position equal to PostgreSQL's own);</li>
 *   <li>real clients: {@code RealClientAttackTest} (pgjdbc, psql, psycopg), {@code ClientMatrixTest} (asyncpg,
 *       node-postgres, pgx; programs under {@code src/test/clients}); {@code GuardPropertyTest} (generated
 *       cases from a fixed seed).</li>
 * </ul>
 *
 * <p>All run against one in-process guarded proxy with small limits ({@link org.pgaw.proxy.attack.AttackProxy}) in
 * front of the shared embedded PostgreSQL; {@link org.pgaw.proxy.attack.Wire} is a raw protocol session that counts
 * rows, notices and bytes per statement into {@link org.pgaw.proxy.attack.Result}s and
 * {@link org.pgaw.proxy.attack.Promises} states the promises as assertions.
 */
package org.pgaw.proxy.attack;
