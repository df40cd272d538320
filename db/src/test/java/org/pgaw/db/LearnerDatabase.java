package org.pgaw.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL with one database whose roles are set up as the image's init does it: the roles and isolation
 * scripts (owner, learner group, what a learner may not do), then the test's own objects in the same transaction,
 * then learner roles as the teacher adds them. Connections go through trust authentication.
 */
final class LearnerDatabase implements AutoCloseable {
    static final RoleConfig ROLES = RoleConfig.withPasswords("owner-password-123", "learner-pw-1");
    static final String NAME = "adventureworks";

    /** What a test creates, as the superuser, inside the set-up transaction. */
    interface Objects {
        void create(Statement st) throws SQLException;
    }

    private final EmbeddedPg pg;

    private LearnerDatabase(EmbeddedPg pg) {
        this.pg = pg;
    }

    static LearnerDatabase start(Objects objects, String... learners) throws SQLException {
        EmbeddedPg pg = new EmbeddedPg();
        pg.newDatabase(NAME);
        Map<String, String> vars = ROLES.psqlVariables();
        try (Connection c = pg.superuser(NAME); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute(PsqlVariables.substitute(Resources.text("schema/05-roles.sql"), vars));
            st.execute(PsqlVariables.substitute(Resources.text("schema/07-isolation.sql"), vars));
            objects.create(st);
            c.commit();
        }
        try (Connection c = pg.superuser(NAME)) {
            for (String learner : learners) LearnerRoles.add(c, ROLES, learner, learner + "-password-1", 10);
        }
        return new LearnerDatabase(pg);
    }

    /** As this role, to the learners' database. */
    Connection connect(String role) throws SQLException {
        return pg.connect(NAME, role);
    }

    Connection superuser() throws SQLException {
        return pg.superuser(NAME);
    }

    EmbeddedPg server() {
        return pg;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
