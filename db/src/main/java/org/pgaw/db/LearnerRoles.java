package org.pgaw.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * One login role per learner, so that learners are kept apart by PostgreSQL itself: a role sees the query text of,
 * and may cancel, only its own sessions, and a change of its password or session defaults (which PostgreSQL lets
 * every role make on itself) harms nobody else. Each role is a member of the learner group role of
 * {@link RoleConfig} and so inherits its read grants; role settings are not inherited, so the group's server-side
 * limits (read-only default, timeouts, temp file limit) are set on each role as well. The same as
 * {@code stack/learners-add.sh} does for the stack.
 */
public final class LearnerRoles {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private LearnerRoles() { }

    /**
     * Creates learner role {@code name} with {@code password}, or updates the password of an existing one. Needs a
     * superuser (or CREATEROLE with admin on the group) connection to the AdventureWorks database; runs in one
     * transaction and keeps the password out of the server log.
     *
     * @throws IllegalArgumentException for a name that is not lower case letters, digits and _ or a short password
     */
    public static void add(Connection admin, RoleConfig roles, String name, String password, int connectionLimit)
            throws SQLException {
        if (name == null || !NAME.matcher(name).matches() || name.equals(roles.owner()) || name.equals(roles.learner())) {
            throw new IllegalArgumentException("learner role name '" + name + "' must be lower case letters, digits or _,"
                    + " and not the owner or the group role");
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("a learner's password needs 8 characters or more");
        }
        if (connectionLimit < 1) {
            throw new IllegalArgumentException("a learner's connection limit must be 1 or more");
        }
        boolean autoCommit = admin.getAutoCommit();
        admin.setAutoCommit(false);
        try (Statement st = admin.createStatement()) {
            st.execute("SET LOCAL log_statement = 'none'");
            st.execute("SET LOCAL log_min_duration_statement = -1");
            String role = PsqlVariables.identifier(name);
            if (!exists(admin, name)) {
                st.execute("CREATE ROLE " + role + " IN ROLE " + PsqlVariables.identifier(roles.learner()));
            }
            st.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                    + " INHERIT CONNECTION LIMIT " + connectionLimit + " PASSWORD " + PsqlVariables.literal(password));
            String db = PsqlVariables.identifier(currentDatabase(admin));
            String in = "ALTER ROLE " + role + " IN DATABASE " + db + " SET ";
            st.execute(in + "default_transaction_read_only = on");
            st.execute(in + "statement_timeout = " + PsqlVariables.literal(roles.statementTimeout()));
            st.execute(in + "idle_in_transaction_session_timeout = " + PsqlVariables.literal(roles.idleInTransactionTimeout()));
            st.execute(in + "temp_file_limit = " + PsqlVariables.literal(roles.tempFileLimit()));
            for (var s : FairShareSettings.VALUES.entrySet()) {
                st.execute(in + s.getKey() + " = " + PsqlVariables.literal(s.getValue()));
            }
            admin.commit();
        } catch (SQLException | RuntimeException e) {
            admin.rollback();
            throw e;
        } finally {
            admin.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
