package org.pgaw.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a load does, in order: the data steps are decided up front from which files are present; what
 * follows the data ({@link #finish}) from which tables ended up empty. Both loaders execute it:
 * {@link AdventureWorksLoader} over JDBC, {@link CopyExport} as a psql script for the database image.
 */
public final class LoadScript {
    private final LoadPlan plan;
    private final List<LoadStep> dataSteps;
    private final List<MissingTable> missing;
    private final boolean withRoles;
    private final boolean strict;

    private LoadScript(LoadPlan plan, List<LoadStep> dataSteps, List<MissingTable> missing, boolean withRoles, boolean strict) {
        this.plan = plan;
        this.dataSteps = List.copyOf(dataSteps);
        this.missing = List.copyOf(missing);
        this.withRoles = withRoles;
        this.strict = strict;
    }

    /**
     * @param strict refuse (throw) when any upstream file is missing, instead of loading the rest; a loader then
     *               also fails on a file that cannot be read instead of leaving its table empty
     */
    public static LoadScript build(LoadPlan plan, Path dataDir, boolean withRoles, boolean strict) throws LoadException {
        if (!Files.isDirectory(dataDir)) {
            throw new LoadException("The data directory " + dataDir + " does not exist or is not a directory.");
        }
        if (!Files.isReadable(dataDir)) {
            throw new LoadException("The data directory " + dataDir + " is not readable (check its permissions).");
        }
        List<MissingTable> missing = new ArrayList<>();
        List<LoadStep> copies = new ArrayList<>();
        for (TablePlan t : plan.tables()) {
            Path f = dataDir.resolve(t.file());
            if (!Files.exists(f)) {
                missing.add(new MissingTable(t.table(), t.file(), "file not found in " + dataDir));
            } else if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new LoadException("The data file " + f + " exists but cannot be read (check its permissions).");
            } else {
                copies.add(new LoadStep.Copy(t, f));
            }
        }
        if (strict && !missing.isEmpty()) {
            throw new LoadException("Strict mode: " + missing.size() + " upstream file(s) missing, nothing was loaded: "
                    + missing.stream().map(MissingTable::file).collect(Collectors.joining(", ")));
        }
        List<LoadStep> steps = new ArrayList<>();
        if (withRoles) {
            steps.add(new LoadStep.Sql("roles", Resources.text("schema/05-roles.sql")));
            steps.add(new LoadStep.Sql("isolation", Resources.text("schema/07-isolation.sql")));
            steps.add(new LoadStep.Sql("become owner", "SET LOCAL ROLE :\"owner\";"));
        }
        steps.add(new LoadStep.Sql("schemas", Resources.text("schema/10-schemas.sql")));
        steps.add(new LoadStep.Sql("tables", Resources.text("schema/20-tables.sql")));
        steps.addAll(copies);
        return new LoadScript(plan, steps, missing, withRoles, strict);
    }

    /** Roles, schemas, tables, then one {@link LoadStep.Copy} per file that is there. */
    public List<LoadStep> dataSteps() {
        return dataSteps;
    }

    /**
     * What follows the data, which depends on which tables ended up empty: keys (a foreign key pointing at an empty
     * table is added NOT VALID), sequences, views, grants, and the verdict as the database's comment.
     *
     * @param unreadable  tables whose file is there but could not be loaded (left empty), beyond the missing ones
     * @param loadedEmpty tables whose file loaded without a single row (foreign keys pointing there cannot hold)
     */
    public Finish finish(List<MissingTable> unreadable, Set<String> loadedEmpty) {
        List<MissingTable> empty = new ArrayList<>(missing);
        empty.addAll(unreadable);
        Set<String> emptyTables = new HashSet<>(loadedEmpty);
        empty.forEach(m -> emptyTables.add(m.table()));

        StringBuilder constraints = new StringBuilder();
        List<String> unvalidated = new ArrayList<>();
        for (ConstraintSpec c : ConstraintSpec.standard()) {
            boolean notValid = c.kind() == ConstraintSpec.Kind.FOREIGN_KEY && emptyTables.contains(c.refTable())
                    && !emptyTables.contains(c.table());
            if (notValid) {
                unvalidated.add(c.name() + " (" + c.table() + " -> " + c.refTable() + ", which is empty)");
            }
            constraints.append(c.toSql(notValid)).append('\n');
        }
        List<LoadStep.Sql> steps = new ArrayList<>();
        steps.add(new LoadStep.Sql("keys and foreign keys", constraints.toString()));
        steps.add(new LoadStep.Sql("sequences", Resources.text("schema/40-sequences.sql")));
        steps.add(new LoadStep.Sql("views", Resources.text("schema/50-views.sql")));
        if (withRoles) steps.add(new LoadStep.Sql("grants", Resources.text("schema/60-grants.sql")));
        steps.add(new LoadStep.Sql("status", LoadStatus.commentSql(LoadStatus.describe(plan.tables().size(), empty))));
        return new Finish(steps, empty, unvalidated);
    }

    /**
     * @param steps                  the SQL to run after the data
     * @param empty                  every table left empty (file missing or unreadable), and why
     * @param unvalidatedForeignKeys foreign keys added NOT VALID because the table they point at is empty
     */
    public record Finish(List<LoadStep.Sql> steps, List<MissingTable> empty, List<String> unvalidatedForeignKeys) {
        public Finish {
            steps = List.copyOf(steps);
            empty = List.copyOf(empty);
            unvalidatedForeignKeys = List.copyOf(unvalidatedForeignKeys);
        }
    }

    /** Tables whose file is not there at all. */
    public List<MissingTable> missing() {
        return missing;
    }

    public boolean withRoles() {
        return withRoles;
    }

    public boolean strict() {
        return strict;
    }
}
