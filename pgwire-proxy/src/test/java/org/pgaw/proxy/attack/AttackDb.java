package org.pgaw.proxy.attack;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * The attack suite's own objects in the shared embedded PostgreSQL, created once per JVM.
 *
 * <p>Two learner roles ({@link #LEARNER}, {@link #LEARNER2}) that are plain LOGIN roles (trust auth on loopback) and
 * the teacher ({@code postgres}, exempt in {@link AttackProxy}). The learners get more privileges in PostgreSQL than a
 * practice server gives them (CREATE on a schema, INSERT on a table, EXECUTE on a procedure, USAGE on a sequence), so
 * that when a write is refused, it is the proxy's statement gate that refused it and not PostgreSQL's privileges.
 */
public final class AttackDb {
    public static final String LEARNER = "atk_learner";
    public static final String LEARNER2 = "atk_learner2";
    public static final String TEACHER = "postgres";
    public static final String DATABASE = "postgres";
    /** Rows in atk.customer: far above the row cap. */
    public static final int CUSTOMERS = 20_000;

    private static boolean created;

    private AttackDb() { }

    public static synchronized void ensure() {
        if (created) return;
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + LEARNER + "'");
            if (!r.next()) create(s);
            restore(s);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the attack suite's objects", e);
        }
        created = true;
    }

    private static void create(Statement s) throws SQLException {
        for (String role : new String[] {LEARNER, LEARNER2}) {
            s.execute("CREATE ROLE " + role + " LOGIN");
        }
        s.execute("CREATE SCHEMA atk");
        s.execute("CREATE TABLE atk.customer (id int PRIMARY KEY, name text, email text)");
        s.execute("INSERT INTO atk.customer SELECT g, 'customer ' || g, 'c' || g || '@example.com'"
                + " FROM generate_series(1, " + CUSTOMERS + ") g");
        // 400 rows of 10 kB: 4 MB, within the row cap but far over a 1 MiB budget.
        s.execute("CREATE TABLE atk.wide (id int PRIMARY KEY, payload text)");
        s.execute("INSERT INTO atk.wide SELECT g, repeat(md5(g::text), 320) FROM generate_series(1, 400) g");
        s.execute("CREATE TABLE atk.play_target (x int)");
        s.execute("CREATE SEQUENCE atk.seq");
        s.execute("CREATE PROCEDURE atk.proc() LANGUAGE sql AS $$ INSERT INTO atk.play_target VALUES (42) $$");
        s.execute("CREATE FUNCTION atk.write_fn() RETURNS int LANGUAGE sql AS"
                + " $$ INSERT INTO atk.play_target VALUES (43) RETURNING x $$");
        // a cursor the proxy never sees declared: opened inside a function, fetched by name
        s.execute("CREATE FUNCTION atk.open_cursor() RETURNS refcursor LANGUAGE plpgsql AS"
                + " $$ DECLARE c refcursor := 'fn_cur'; BEGIN OPEN c FOR SELECT * FROM atk.customer; RETURN c; END $$");
        s.execute("ANALYZE atk.customer, atk.wide");
        for (String role : new String[] {LEARNER, LEARNER2}) {
            s.execute("GRANT USAGE ON SCHEMA atk TO " + role);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA atk TO " + role);
            s.execute("GRANT INSERT, UPDATE, DELETE, TRUNCATE ON atk.play_target TO " + role);
            s.execute("GRANT USAGE, UPDATE ON SEQUENCE atk.seq TO " + role);
            s.execute("GRANT EXECUTE ON PROCEDURE atk.proc() TO " + role);
        }
        s.execute("GRANT CREATE ON DATABASE " + DATABASE + " TO " + LEARNER);
    }

    /**
     * Undoes whatever a learner's write that got through may have changed (WriteAttackTest runs every write, and on a
     * proxy that lets one through, e.g. {@code ALTER ROLE CURRENT_USER SET statement_timeout = '1ms'}, every later
     * test would fail for the wrong reason). Runs at the start of every JVM and after every write attack.
     */
    public static synchronized void restore() {
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement()) {
            restore(s);
        } catch (SQLException e) {
            throw new IllegalStateException("could not restore the attack suite's objects", e);
        }
    }

    private static void restore(Statement s) throws SQLException {
        for (String role : new String[] {LEARNER, LEARNER2}) {
            s.execute("ALTER ROLE " + role + " RESET ALL");
            s.execute("ALTER ROLE " + role + " IN DATABASE " + DATABASE + " RESET ALL");
            s.execute("ALTER ROLE " + role + " PASSWORD NULL");
            s.execute("SELECT lo_unlink(oid) FROM pg_largeobject_metadata WHERE lomowner = '" + role + "'::regrole");
        }
        s.execute("TRUNCATE atk.play_target");
        s.execute("SELECT setval('atk.seq', 1, false)");
        s.execute("DROP SCHEMA IF EXISTS atk_evil CASCADE");
        s.execute("DROP EXTENSION IF EXISTS pgcrypto");
        s.execute("DROP SCHEMA IF EXISTS atk_play CASCADE");
        s.execute("CREATE SCHEMA atk_play");
        for (String role : new String[] {LEARNER, LEARNER2}) {
            s.execute("GRANT USAGE, CREATE ON SCHEMA atk_play TO " + role);
        }
    }

    /** One number from the database behind the proxy's back, as the superuser. */
    public static long count(String sql) {
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
