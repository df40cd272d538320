package org.pgaw.proxy.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.pgaw.db.LearnerRoles;
import org.pgaw.db.PsqlVariables;
import org.pgaw.db.Resources;
import org.pgaw.db.RoleConfig;

/**
 * The demo's learner roles: with {@code --learners 1} (the default) the one learner role of the load; with N above 1,
 * roles {@code learner1} .. {@code learnerN}, each with its own password, members of the learner group, which then
 * no longer logs in (a member could otherwise see and cancel the group role's sessions). So learners sharing a demo
 * cannot see each other's SQL, cancel each other or lock each other out by changing "their" password. The
 * database's isolation rules ({@code 07-isolation.sql}) are applied at every start, so a work directory loaded by an
 * older version gets them too.
 */
final class DemoLearners {
    /** PostgreSQL's own per-role connection limit for each learner, the same as the proxy's per-user default. */
    static final int CONNECTION_LIMIT = 20;

    /** One learner's login. */
    record Learner(String role, String password) { }

    /** Where each learner's password comes from (the work directory's secrets). */
    interface Passwords {
        String of(String role) throws DemoException;
    }

    private DemoLearners() { }

    /**
     * @param superuser a superuser connection to the AdventureWorks database
     */
    static List<Learner> ensure(Connection superuser, RoleConfig roles, int count, Passwords passwords)
            throws DemoException, SQLException {
        if (count < 1) throw new DemoException("--learners must be 1 or more, got " + count);
        try (Statement st = superuser.createStatement()) {
            st.execute(PsqlVariables.substitute("BEGIN;\n" + Resources.text("schema/07-isolation.sql") + "\nCOMMIT;",
                    roles.psqlVariables()));
            String group = PsqlVariables.identifier(roles.learner());
            if (count == 1) {
                st.execute("ALTER ROLE " + group + " LOGIN");
                return List.of(new Learner(roles.learner(), roles.learnerPassword()));
            }
            List<Learner> out = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String role = roles.learner() + i;
                String pw = passwords.of(role);
                LearnerRoles.add(superuser, roles, role, pw, CONNECTION_LIMIT);
                out.add(new Learner(role, pw));
            }
            st.execute("ALTER ROLE " + group + " NOLOGIN");
            return out;
        }
    }
}
