package org.pgaw.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a load does, in order, decided up front from which files are present. Both loaders execute
 * it: {@link AdventureWorksLoader} over JDBC, {@link CopyExport} as a psql script for the database image.
 */
public final class LoadScript {
    private final List<LoadStep> steps;
    private final List<MissingTable> missing;
    private final List<String> unvalidatedForeignKeys;
    private final boolean withRoles;

    private LoadScript(List<LoadStep> steps, List<MissingTable> missing, List<String> unvalidated, boolean withRoles) {
        this.steps = List.copyOf(steps);
        this.missing = List.copyOf(missing);
        this.unvalidatedForeignKeys = List.copyOf(unvalidated);
        this.withRoles = withRoles;
    }

    /**
     * @param strict refuse (throw) when any upstream file is missing, instead of loading the rest
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
        Set<String> empty = new HashSet<>();
        missing.forEach(m -> empty.add(m.table()));

        List<LoadStep> steps = new ArrayList<>();
        if (withRoles) {
            steps.add(new LoadStep.Sql("roles", Resources.text("schema/05-roles.sql")));
            steps.add(new LoadStep.Sql("isolation", Resources.text("schema/07-isolation.sql")));
            steps.add(new LoadStep.Sql("become owner", "SET LOCAL ROLE :\"owner\";"));
        }
        steps.add(new LoadStep.Sql("schemas", Resources.text("schema/10-schemas.sql")));
        steps.add(new LoadStep.Sql("tables", Resources.text("schema/20-tables.sql")));
        steps.addAll(copies);

        StringBuilder constraints = new StringBuilder();
        List<String> unvalidated = new ArrayList<>();
        for (ConstraintSpec c : ConstraintSpec.standard()) {
            boolean notValid = c.kind() == ConstraintSpec.Kind.FOREIGN_KEY && empty.contains(c.refTable())
                    && !empty.contains(c.table());
            if (notValid) {
                unvalidated.add(c.name() + " (" + c.table() + " -> " + c.refTable() + ", which is empty)");
            }
            constraints.append(c.toSql(notValid)).append('\n');
        }
        steps.add(new LoadStep.Sql("keys and foreign keys", constraints.toString()));
        steps.add(new LoadStep.Sql("sequences", Resources.text("schema/40-sequences.sql")));
        steps.add(new LoadStep.Sql("views", Resources.text("schema/50-views.sql")));
        if (withRoles) steps.add(new LoadStep.Sql("grants", Resources.text("schema/60-grants.sql")));
        steps.add(new LoadStep.Sql("status", LoadStatus.commentSql(LoadStatus.describe(plan.tables().size(), missing))));
        return new LoadScript(steps, missing, unvalidated, withRoles);
    }

    public List<LoadStep> steps() {
        return steps;
    }

    public List<MissingTable> missing() {
        return missing;
    }

    public List<String> unvalidatedForeignKeys() {
        return unvalidatedForeignKeys;
    }

    public boolean withRoles() {
        return withRoles;
    }
}
