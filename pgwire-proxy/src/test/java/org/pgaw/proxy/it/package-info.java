/**
 * Integration tests of pgwire-proxy with real clients against a real PostgreSQL 17 (zonky embedded).
 *
 * <p>One environment per test run ({@link org.pgaw.proxy.it.support.ItEnv}): the JVM's shared PostgreSQL
 * ({@link org.pgaw.proxy.testing.TestPostgres}: SSL from a throw-away CA, SCRAM and md5 roles), and the proxy in the
 * test JVM in front of it (guards off: these tests check transparency).
 * Clients: pgjdbc (simple, extended, prepared, fetch size, COPY, cancel, query timeout, SCRAM/md5, verify-full),
 * psql (TLS modes, \copy, SIGINT, multi-statement), pgbench (simple/extended/prepared), psycopg 3 (pgAdmin's init
 * string and its pg_cancel_backend Stop button), a psql differential corpus, and gigabyte results through a proxy
 * in its own JVM with {@code -Xmx64m} whose RSS is sampled.
 *
 * <p>Run: {@code ./mvnw -B -pl pgwire-proxy -am test -Dtest='org.pgaw.proxy.it.**' -Dsurefire.failIfNoSpecifiedTests=false}.
 * {@code -Dpgaw.it.target=direct} runs the same tests straight against PostgreSQL, to tell a broken test from a
 * broken proxy. Tools: {@code .ci/install-proxy-tests.sh} (psql, pgbench, python3 with psycopg).
 */
package org.pgaw.proxy.it;
