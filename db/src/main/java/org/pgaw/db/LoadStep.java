package org.pgaw.db;

import java.nio.file.Path;

/** One step of loading AdventureWorks: run SQL, or fill one table from one upstream file. */
public sealed interface LoadStep {
    /** SQL text that may use psql variables ({@code :'x'}, {@code :"x"}). */
    record Sql(String label, String text) implements LoadStep { }

    record Copy(TablePlan plan, Path file) implements LoadStep { }
}
