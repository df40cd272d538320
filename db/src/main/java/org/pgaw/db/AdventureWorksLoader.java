package org.pgaw.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * Loads AdventureWorks into an empty database over JDBC, in ONE transaction: schema, data (COPY), keys,
 * sequences, views, roles. A file that cannot be loaded leaves its table empty and is reported like a missing
 * one (file, line, why); in strict mode it, like any other failure, rolls everything back.
 */
public final class AdventureWorksLoader {
    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");
    private static final int FLUSH_CHARS = 1 << 16;

    private final LoadPlan plan;

    public AdventureWorksLoader(LoadPlan plan) {
        this.plan = plan;
    }

    public static AdventureWorksLoader standard() {
        return new AdventureWorksLoader(LoadPlan.standard());
    }

    /**
     * @param connection a connection to the (empty) target database, as a superuser when {@code roles} is given
     * @param dataDir    directory holding the upstream CSV files
     * @param roles      owner/learner roles to create and grant, or null to leave everything owned by the caller
     * @param strict     fail when any upstream file is missing or cannot be loaded, instead of loading the rest
     * @param progress   receives one short line per table
     */
    public LoadReport load(Connection connection, Path dataDir, RoleConfig roles, boolean strict,
                           Consumer<String> progress) throws LoadException {
        long started = System.nanoTime();
        LoadScript script = LoadScript.build(plan, dataDir, roles != null, strict);
        Map<String, String> vars = roles != null ? roles.psqlVariables() : Map.of();
        Map<String, Long> rows = new LinkedHashMap<>();
        List<MissingTable> unreadable = new ArrayList<>();
        LoadScript.Finish finish;
        try {
            refuseIfNotEmpty(connection);
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (LoadStep step : script.dataSteps()) {
                if (step instanceof LoadStep.Sql sql) {
                    runSql(connection, sql, vars);
                } else if (step instanceof LoadStep.Copy c) {
                    String table = c.plan().table();
                    try {
                        long n = strict ? copyTable(copy, c) : copyTableOrLeaveEmpty(connection, copy, c);
                        rows.put(table, n);
                        progress.accept(String.format("%-45s %,9d rows", table, n));
                    } catch (DataFileException e) {
                        if (strict) {
                            throw new LoadException("Load failed and was rolled back, nothing was changed: " + e.getMessage()
                                    + " (table " + table + ")", e);
                        }
                        unreadable.add(new MissingTable(table, c.plan().file(), e.problemWithLine()));
                        progress.accept(String.format("%-45s stays EMPTY: %s", table, e.getMessage()));
                    }
                }
            }
            Set<String> loadedEmpty = new HashSet<>();
            rows.forEach((table, n) -> {
                if (n == 0) loadedEmpty.add(table);
            });
            finish = script.finish(unreadable, loadedEmpty);
            for (LoadStep.Sql sql : finish.steps()) runSql(connection, sql, vars);
            connection.commit();
        } catch (LoadException e) {
            rollback(connection);
            throw e;
        } catch (SQLException | RuntimeException e) {
            rollback(connection);
            throw new LoadException("Load failed and was rolled back, nothing was changed: " + e.getMessage(), e);
        }
        long size;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            size = rs.getLong(1);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            size = -1;
        }
        return new LoadReport(rows, finish.empty(), finish.unvalidatedForeignKeys(),
                Duration.ofNanos(System.nanoTime() - started), size);
    }

    /**
     * A file that cannot be loaded (unparseable, unreadable, or a value PostgreSQL refuses) leaves its table empty
     * and the rest of the transaction intact: the table's COPY runs under a savepoint that is rolled back.
     */
    private static long copyTableOrLeaveEmpty(Connection c, CopyManager copy, LoadStep.Copy step)
            throws SQLException, DataFileException {
        Savepoint before = c.setSavepoint();
        try {
            long n = copyTable(copy, step);
            c.releaseSavepoint(before);
            return n;
        } catch (DataFileException e) {
            c.rollback(before);
            throw e;
        }
    }

    private static void refuseIfNotEmpty(Connection c) throws SQLException, LoadException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT string_agg(nspname, ', ') FROM pg_namespace"
                        + " WHERE nspname IN ('person','humanresources','production','purchasing','sales')")) {
            rs.next();
            if (rs.getString(1) != null) {
                throw new LoadException("The target database already has AdventureWorks schemas (" + rs.getString(1)
                        + "); load into a new, empty database.");
            }
        }
    }

    private static void runSql(Connection c, LoadStep.Sql sql, Map<String, String> vars) throws LoadException {
        try (Statement st = c.createStatement()) {
            st.execute(PsqlVariables.substitute(sql.text(), vars));
        } catch (SQLException e) {
            throw new LoadException("Load failed in step '" + sql.label() + "' and was rolled back, nothing was changed: "
                    + e.getMessage(), e);
        }
    }

    /** Copies one file into its table; any problem with the file's content is a {@link DataFileException}. */
    private static long copyTable(CopyManager copy, LoadStep.Copy step) throws SQLException, DataFileException {
        TablePlan plan = step.plan();
        CopyRowWriter writer = new CopyRowWriter(plan);
        long[] lines = new long[1024];
        int count = 0;
        StringBuilder buf = new StringBuilder(FLUSH_CHARS * 2);
        CopyIn in = copy.copyIn(plan.copyStatement());
        try (RecordReader reader = RecordReader.open(step.file(), plan)) {
            for (SourceRecord r; (r = reader.next()) != null; ) {
                try {
                    writer.append(r, buf);
                } catch (IllegalArgumentException e) {
                    throw new DataFileException(plan.file(), r.line(), e.getMessage(), e);
                }
                if (count == lines.length) lines = Arrays.copyOf(lines, count * 2);
                lines[count++] = r.line();
                if (buf.length() >= FLUSH_CHARS) flush(in, buf);
            }
            flush(in, buf);
            return in.endCopy();
        } catch (DataFileException e) {
            cancel(in);
            throw e;
        } catch (IOException e) {
            cancel(in);
            throw new DataFileException(plan.file(), 0, "cannot read " + step.file() + ": " + CsvRecordReader.describe(e), e);
        } catch (SQLException e) {
            cancel(in);
            if (!isRefusedValue(e)) throw e;
            throw new DataFileException(plan.file(), sourceLine(e, lines, count),
                    "PostgreSQL refused a value for " + plan.table() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * A data error in the COPY (SQLSTATE class 22, 23: a NOT NULL or check violated by a row, or 54: a value over a
     * limit) is the file's fault; anything else (connection lost, out of disk) is not, and fails the whole load.
     */
    private static boolean isRefusedValue(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** Maps PostgreSQL's "COPY t, line N" (one line per record) back to the line in the upstream file; 0 if unknown. */
    private static long sourceLine(SQLException e, long[] lines, int count) {
        String where = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getWhere() : null;
        if (where == null) return 0;
        Matcher m = COPY_LINE.matcher(where);
        if (!m.find()) return 0;
        int record = Integer.parseInt(m.group(1));
        return record >= 1 && record <= count ? lines[record - 1] : 0;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void flush(CopyIn in, StringBuilder buf) throws SQLException {
        if (buf.length() == 0) return;
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    private static void cancel(CopyIn in) {
        try {
            if (in.isActive()) in.cancelCopy();
        } catch (SQLException ignored) {
            // the transaction is rolled back next; the original error is what the user needs to see
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // connection already broken: the server discards the open transaction with it
        }
    }
}
