package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything a learner's write could change, read behind the proxy's back, to prove a refusal changed nothing. */
record DbState(long targetRows, long ownedRelations, long playObjects, long largeObjects, long roleSettings,
               long learnerPassword, long sequenceValue, long schemas) {

    static DbState now() {
        String learner = "'" + AttackDb.LEARNER + "'";
        return new DbState(
                AttackDb.count("SELECT count(*) FROM atk.play_target"),
                AttackDb.count("SELECT count(*) FROM pg_class WHERE relowner = " + learner + "::regrole"),
                AttackDb.count("SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'atk_play'::regnamespace)"
                        + " + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'atk_play'::regnamespace)"),
                AttackDb.count("SELECT count(*) FROM pg_largeobject_metadata"),
                AttackDb.count("SELECT count(*) FROM pg_db_role_setting WHERE setrole = " + learner + "::regrole"),
                AttackDb.count("SELECT count(*) FROM pg_authid WHERE rolname = " + learner + " AND rolpassword IS NOT NULL"),
                AttackDb.count("SELECT last_value + (CASE WHEN is_called THEN 1 ELSE 0 END) FROM atk.seq"),
                AttackDb.count("SELECT count(*) FROM pg_namespace"));
    }

    void assertUnchangedSince(DbState before, String what) {
        assertThat(this).as("W: %s changed the database", what).isEqualTo(before);
    }
}
