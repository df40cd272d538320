package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise W: a learner cannot write or escape, deny by default. The learner roles here hold more privileges in
 * PostgreSQL than a class gets (see {@link AttackDb}), so every refusal checked is the proxy's. Each case must get
 * an ERROR, leave the session usable, and change nothing in the database (checked behind the proxy's back).
 */
class WriteAttackTest {

    private DbState before;

    @AfterEach
    void undoWhatGotThrough() {
        if (before == null || !DbState.now().equals(before)) AttackDb.restore();
    }

    static Stream<Arguments> writes() {
        List<Arguments> a = new ArrayList<>();
        add(a, "INSERT", "INSERT INTO atk.play_target VALUES (1)");
        add(a, "UPDATE", "UPDATE atk.play_target SET x = 0");
        add(a, "DELETE", "DELETE FROM atk.play_target");
        add(a, "TRUNCATE", "TRUNCATE atk.play_target");
        add(a, "MERGE", "MERGE INTO atk.play_target t USING (SELECT 1 AS x) s ON false WHEN NOT MATCHED THEN INSERT VALUES (s.x)");
        add(a, "data-modifying CTE", "WITH w AS (INSERT INTO atk.play_target VALUES (1) RETURNING x) SELECT * FROM w");
        add(a, "COPY (INSERT ... RETURNING) TO STDOUT", "COPY (INSERT INTO atk.play_target VALUES (1) RETURNING x) TO STDOUT");
        add(a, "COPY FROM STDIN", "COPY atk.play_target FROM STDIN");
        add(a, "EXPLAIN ANALYZE INSERT", "EXPLAIN ANALYZE INSERT INTO atk.play_target VALUES (1)");
        add(a, "PREPARE an INSERT", "PREPARE atk_w AS INSERT INTO atk.play_target VALUES (1); EXECUTE atk_w");
        add(a, "CREATE TABLE", "CREATE TABLE atk_play.t1 (x int)");
        add(a, "CREATE TEMP TABLE", "CREATE TEMP TABLE t2 AS SELECT 1 AS x");
        add(a, "SELECT INTO", "SELECT 1 AS x INTO atk_play.t3");
        add(a, "CREATE TABLE AS", "CREATE TABLE atk_play.t4 AS SELECT 1 AS x");
        add(a, "CREATE SCHEMA", "CREATE SCHEMA atk_evil");
        add(a, "CREATE FUNCTION", "CREATE FUNCTION atk_play.f2() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END");
        add(a, "CREATE VIEW", "CREATE VIEW atk_play.v AS SELECT 1 AS x");
        add(a, "DO", "DO $$ BEGIN INSERT INTO atk.play_target VALUES (1); END $$");
        add(a, "CALL", "CALL atk.proc()");
        add(a, "LOAD", "LOAD 'plpgsql'");
        add(a, "a function that writes, called by SELECT", "SELECT atk.write_fn()");
        add(a, "a function that writes, in BEGIN READ WRITE", "BEGIN READ WRITE; SELECT atk.write_fn(); COMMIT");
        add(a, "a function that writes, after SET default_transaction_read_only = off",
                "SET default_transaction_read_only = off; SELECT atk.write_fn()");
        add(a, "a function that writes, in START TRANSACTION READ WRITE",
                "START TRANSACTION READ WRITE; SELECT atk.write_fn(); COMMIT");
        add(a, "a writing function through a cursor",
                "BEGIN; DECLARE wc CURSOR FOR SELECT atk.write_fn(); FETCH ALL FROM wc; COMMIT");
        add(a, "setval", "SELECT setval('atk.seq', 1000)");
        add(a, "nextval", "SELECT nextval('atk.seq')");
        add(a, "lo_from_bytea", "SELECT lo_from_bytea(0, 'written')");
        add(a, "lo_create in BEGIN READ WRITE", "BEGIN READ WRITE; SELECT lo_create(0); COMMIT");
        add(a, "lo_import", "SELECT lo_import('/etc/hostname')");
        add(a, "LISTEN", "LISTEN atk_channel");
        add(a, "NOTIFY", "NOTIFY atk_channel, 'hello'");
        add(a, "pg_notify", "SELECT pg_notify('atk_channel', 'hello')");
        add(a, "ALTER ROLE SET statement_timeout", "ALTER ROLE CURRENT_USER SET statement_timeout = '1ms'");
        add(a, "ALTER ROLE IN DATABASE RESET ALL", "ALTER ROLE CURRENT_USER IN DATABASE postgres RESET ALL");
        add(a, "ALTER ROLE PASSWORD", "ALTER ROLE CURRENT_USER PASSWORD 'learner-chose-this'");
        add(a, "ALTER USER SET", "ALTER USER " + AttackDb.LEARNER + " SET work_mem = '1GB'");
        add(a, "SET ROLE", "SET ROLE " + AttackDb.LEARNER2);
        add(a, "SET SESSION AUTHORIZATION", "SET SESSION AUTHORIZATION " + AttackDb.LEARNER2);
        add(a, "VACUUM", "VACUUM atk.play_target");
        add(a, "LOCK TABLE", "BEGIN; LOCK TABLE atk.customer IN ACCESS EXCLUSIVE MODE; COMMIT");
        add(a, "CREATE EXTENSION", "CREATE EXTENSION IF NOT EXISTS pgcrypto");
        add(a, "CHECKPOINT", "CHECKPOINT");
        add(a, "a write hidden after a SELECT in one Query", "SELECT 1; INSERT INTO atk.play_target VALUES (1)");
        add(a, "a write after a 1 MiB comment", "/* " + "w".repeat(1024 * 1024) + " */ INSERT INTO atk.play_target VALUES (1)");
        add(a, "a write in lower case with comments", "insert/**/into atk.play_target values(1)");
        return a.stream();
    }

    private static void add(List<Arguments> a, String name, String sql) {
        a.add(Arguments.of(name, sql));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aWriteIsRefusedAndChangesNothing(String name, String sql) throws Exception {
        before = DbState.now();
        try (Wire w = Wire.learner()) {
            List<Result> r = w.simple(sql);
            assertThat(r).as("W: no COPY FROM STDIN may start for %s: %s", name, r).noneMatch(x -> x.tags().contains("G"));
            Promises.refused(name, r, w);
            DbState.now().assertUnchangedSince(before, name);
        }
    }

    static Stream<Arguments> singleStatementWrites() {
        return writes().filter(a -> !((String) a.get()[1]).contains(";")); // one statement per Parse
    }

    @ParameterizedTest(name = "extended protocol: {0}")
    @MethodSource("singleStatementWrites")
    void aWriteByTheExtendedProtocolIsRefusedToo(String name, String sql) throws Exception {
        before = DbState.now();
        try (Wire w = Wire.learner()) {
            List<Result> r = w.extendedCopy(true).send(Pg.extended(sql, 0), Pg.sync()).untilReady();
            assertThat(r).noneMatch(x -> x.tags().contains("G"));
            Promises.refused(name, r, w);
            DbState.now().assertUnchangedSince(before, name);
        }
    }

    @Test
    void largeObjectsByFunctionCallAreRefused() throws Exception {
        before = DbState.now();
        try (Wire w = Wire.learner()) {
            // lo_creat(int4) is OID 957, lo_create(oid) 715
            List<Result> r = w.send(Pg.functionCall(957, "-1")).untilReady();
            Promises.refused("FunctionCall lo_creat", r, w);
            r = w.send(Pg.functionCall(715, "0")).untilReady();
            Promises.refused("FunctionCall lo_create", r, w);
        }
        DbState.now().assertUnchangedSince(before, "FunctionCall");
    }

    @Test
    void readsStillWork() throws Exception {
        try (Wire w = Wire.learner()) {
            for (String ok : List.of("SELECT count(*) FROM atk.customer", "EXPLAIN SELECT * FROM atk.customer",
                    "SET search_path = atk, public", "SHOW search_path", "RESET search_path", "BEGIN", "SAVEPOINT s",
                    "ROLLBACK TO SAVEPOINT s", "COMMIT", "PREPARE ok AS SELECT 1", "EXECUTE ok", "DEALLOCATE ok",
                    "COPY (SELECT 1) TO STDOUT")) {
                List<Result> r = w.simple(ok);
                assertThat(r).as("a learner may run %s", ok).noneMatch(Result::isError);
            }
        }
    }
}
