package org.pgaw.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL with one database whose roles are set up as the image's init does it: the roles and isolation
 * scripts (owner, learner group, what a learner may not do), then the test's own objects in the same transaction,
 * then learner roles as the teacher adds them; for one test class. Connections go through trust authentication.
 */
final class LearnerDatabase implements BeforeAllCallback, AfterAllCallback {
    static final RoleConfig ROLES = RoleConfig.withPasswords("owner-password-123", "learner-pw-1");
    static final String NAME = "adventureworks";

    /** What a test creates, as the superuser, inside the set-up transaction. */
    interface Objects {
        void create(Statement st) throws SQLException;
    }

    private final Objects objects;
    private final String[] learners;
    private EmbeddedPg pg;

    private LearnerDatabase(Objects objects, String[] learners) {
        this.objects = objects;
        this.learners = learners;
    }

    /** For {@code @RegisterExtension static}: started before the class's tests, stopped after them. */
    static LearnerDatabase with(Objects objects, String... learners) {
        return new LearnerDatabase(objects, learners);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        pg = new EmbeddedPg();
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
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (pg != null) pg.close();
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
}
