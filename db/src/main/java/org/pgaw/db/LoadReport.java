package org.pgaw.db;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a committed load did.
 *
 * @param rowsPerTable           rows copied into each loaded table, in load order
 * @param missing                tables left empty because their file is missing, and why
 * @param unvalidatedForeignKeys foreign keys added NOT VALID because the table they point at is empty
 * @param databaseSizeBytes      {@code pg_database_size} right after the load
 */
public record LoadReport(Map<String, Long> rowsPerTable, List<MissingTable> missing,
                         List<String> unvalidatedForeignKeys, Duration elapsed, long databaseSizeBytes) {
    public LoadReport {
        rowsPerTable = Map.copyOf(rowsPerTable);
        missing = List.copyOf(missing);
        unvalidatedForeignKeys = List.copyOf(unvalidatedForeignKeys);
    }

    /** True only when every upstream file was there: the database is the whole AdventureWorks. */
    public boolean complete() {
        return missing.isEmpty();
    }

    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A few lines for a person: totals, and plainly which tables are empty and why. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Loaded %,d rows into %d tables in %.1f s; database size %,d MB.%n",
                totalRows(), rowsPerTable.size(), elapsed.toMillis() / 1000.0, databaseSizeBytes / (1024 * 1024)));
        if (complete()) {
            sb.append("AdventureWorks is COMPLETE.\n");
        } else {
            sb.append("AdventureWorks is INCOMPLETE: ").append(missing.size()).append(" tables stay empty:\n");
            missing.forEach(m -> sb.append("  - ").append(m).append('\n'));
            sb.append(unvalidatedForeignKeys.size())
                    .append(" foreign keys point at those empty tables and were added NOT VALID (they guard new rows only).\n");
        }
        return sb.toString();
    }
}
