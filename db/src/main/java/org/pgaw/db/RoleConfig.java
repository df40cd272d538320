package org.pgaw.db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The owner and learner roles and the server-side limits for learners. Passwords are never logged:
 * {@link #toString()} hides them.
 *
 * @param statementTimeout          PostgreSQL interval text, e.g. {@code 60s}
 * @param idleInTransactionTimeout  e.g. {@code 10min}
 * @param tempFileLimit             e.g. {@code 1GB}
 */
public record RoleConfig(String owner, String ownerPassword, String learner, String learnerPassword,
                         int learnerConnectionLimit, String statementTimeout, String idleInTransactionTimeout,
                         String tempFileLimit) {
    public static final String DEFAULT_OWNER = "aw_owner";
    public static final String DEFAULT_LEARNER = "learner";
    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public RoleConfig {
        for (String r : new String[] {owner, learner}) {
            if (r == null || !ROLE.matcher(r).matches()) {
                throw new IllegalArgumentException("role name '" + r + "' must be lower case letters, digits or _ (at most 63)");
            }
        }
        if (owner.equals(learner)) throw new IllegalArgumentException("owner and learner role must differ");
        if (ownerPassword == null || ownerPassword.length() < 12) throw new IllegalArgumentException("the owner password needs 12 characters or more");
        if (learnerPassword == null || learnerPassword.length() < 8) throw new IllegalArgumentException("the learner password needs 8 characters or more");
        if (learnerConnectionLimit < 1 || learnerConnectionLimit > 10_000) throw new IllegalArgumentException("learner connection limit must be 1..10000");
    }

    /** Default names and limits with the given passwords. */
    public static RoleConfig withPasswords(String ownerPassword, String learnerPassword) {
        return new RoleConfig(DEFAULT_OWNER, ownerPassword, DEFAULT_LEARNER, learnerPassword, 80, "60s", "10min", "1GB");
    }

    /** The psql variables 05-roles.sql and 60-grants.sql use. */
    public Map<String, String> psqlVariables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("owner", owner);
        v.put("learner", learner);
        v.put("owner_password", ownerPassword);
        v.put("learner_password", learnerPassword);
        v.put("learner_connection_limit", Integer.toString(learnerConnectionLimit));
        v.put("learner_statement_timeout", statementTimeout);
        v.put("learner_idle_in_transaction_timeout", idleInTransactionTimeout);
        v.put("learner_temp_file_limit", tempFileLimit);
        return v;
    }

    @Override
    public String toString() {
        return "RoleConfig[owner=" + owner + ", learner=" + learner + ", passwords hidden, connectionLimit="
                + learnerConnectionLimit + ", statementTimeout=" + statementTimeout + ", idleInTransactionTimeout="
                + idleInTransactionTimeout + ", tempFileLimit=" + tempFileLimit + "]";
    }
}
