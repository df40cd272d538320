package org.pgaw.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The load leaves a one-line verdict as the database's comment ({@code \l+} in psql shows it), so anyone can see
 * later whether the database is complete, and a restarted demo knows the data is already there.
 */
public final class LoadStatus {
    public static final String PREFIX = "pgaw AdventureWorks";

    private LoadStatus() { }

    static String describe(int tables, List<MissingTable> missing) {
        String source = " (upstream " + UpstreamFiles.COMMIT.substring(0, 12) + ")";
        if (missing.isEmpty()) return PREFIX + source + ": COMPLETE, all " + tables + " tables loaded";
        return PREFIX + source + ": INCOMPLETE, " + missing.size() + " of " + tables
                + " tables are empty because their upstream files were missing or could not be loaded: "
                + missing.stream().map(m -> m.table() + " (" + m.file() + ")").collect(Collectors.joining(", "));
    }

    static String commentSql(String text) {
        return "DO $status$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), "
                + PsqlVariables.literal(text) + "); END $status$;";
    }

    /** The verdict of a previous load into the connected database, if there was one. */
    public static Optional<String> read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getString(1) != null && rs.getString(1).startsWith(PREFIX)) return Optional.of(rs.getString(1));
            return Optional.empty();
        }
    }

    public static boolean isComplete(String status) {
        return status.contains(": COMPLETE");
    }
}
