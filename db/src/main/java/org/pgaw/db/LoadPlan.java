package org.pgaw.db;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The 68 tables in load order, read from the {@code schema/loadplan.tsv} resource. */
public final class LoadPlan {
    private final List<TablePlan> tables;

    private LoadPlan(List<TablePlan> tables) {
        this.tables = List.copyOf(tables);
    }

    public static LoadPlan standard() {
        return parse(Resources.text("schema/loadplan.tsv"));
    }

    static LoadPlan parse(String tsv) {
        List<TablePlan> out = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] p = line.split("\t", -1);
            if (p.length != 5) throw new IllegalStateException("load plan line has " + p.length + " fields: " + line);
            TablePlan.Format format = switch (p[3]) {
                case "csv" -> TablePlan.Format.CSV;
                case "unquoted-multiline" -> TablePlan.Format.UNQUOTED_MULTILINE;
                default -> throw new IllegalStateException("unknown format " + p[3]);
            };
            out.add(new TablePlan(p[0], p[1], Charset.forName(p[2]), format,
                    Arrays.stream(p[4].split(",")).map(FieldSpec::parse).toList()));
        }
        return new LoadPlan(out);
    }

    public List<TablePlan> tables() {
        return tables;
    }

    /** The upstream files this plan reads, in load order. */
    public List<String> files() {
        return tables.stream().map(TablePlan::file).toList();
    }
}
