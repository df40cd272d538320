package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.pgaw.proxy.testing.TestPostgres;

/** Everything a learner's write could change, read behind the proxy's back, to prove a refusal changed nothing. */
record DbState(String snapshot) {
    private static final String L = "'" + AttackDb.LEARNER + "'";
    private static final String QUERY = "SELECT concat_ws(' ',"
            + " 'play_target=' || (SELECT count(*) FROM atk.play_target),"
            + " 'owned_relations=' || (SELECT count(*) FROM pg_class WHERE relowner = " + L + "::regrole),"
            + " 'atk_play=' || ((SELECT count(*) FROM pg_class WHERE relnamespace = 'atk_play'::regnamespace)"
            + "   + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'atk_play'::regnamespace)),"
            + " 'large_objects=' || (SELECT count(*) FROM pg_largeobject_metadata),"
            + " 'role_settings=' || (SELECT count(*) FROM pg_db_role_setting WHERE setrole = " + L + "::regrole),"
            + " 'password=' || (SELECT count(*) FROM pg_authid WHERE rolname = " + L + " AND rolpassword IS NOT NULL),"
            + " 'sequence=' || (SELECT last_value || '/' || is_called FROM atk.seq),"
            + " 'schemas=' || (SELECT count(*) FROM pg_namespace),"
            + " 'extensions=' || (SELECT count(*) FROM pg_extension))";

    static DbState now() {
        try (Connection c = TestPostgres.direct(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(QUERY)) {
            r.next();
            return new DbState(r.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void assertUnchangedSince(DbState before, String what) {
        assertThat(this).as("W: %s changed the database", what).isEqualTo(before);
    }
}
