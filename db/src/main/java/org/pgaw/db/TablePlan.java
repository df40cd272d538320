package org.pgaw.db;

import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one table is filled from one upstream file.
 *
 * @param table    qualified name, e.g. {@code person.address}
 * @param file     upstream file name in the {@code data/} folder, e.g. {@code Address.csv}
 * @param charset  the file's real encoding (Address.csv is Latin-1; everything else UTF-8)
 * @param format   {@link Format#CSV}, or the one file whose text fields hold unquoted line breaks
 * @param fields   the file's fields in order
 */
public record TablePlan(String table, String file, Charset charset, Format format, List<FieldSpec> fields) {
    public enum Format { CSV, UNQUOTED_MULTILINE }

    public TablePlan {
        fields = List.copyOf(fields);
    }

    /** The columns COPY fills, in file order, each quoted (one is called {@code "group"}). */
    public String copyColumnList() {
        return fields.stream().filter(FieldSpec::kept).map(f -> '"' + f.column() + '"')
                .collect(Collectors.joining(", ", "(", ")"));
    }

    public String copyStatement() {
        return "COPY " + table + " " + copyColumnList() + " FROM STDIN";
    }
}
