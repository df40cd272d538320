package org.pgaw.db;

import java.util.ArrayList;
import java.util.List;

/**
 * A primary key, unique constraint or foreign key from {@code schema/constraints.tsv}. They are added after
 * the data is in, which is faster and checks every loaded row once.
 */
public record ConstraintSpec(Kind kind, String table, String columns, String refTable, String refColumns,
                             String name, boolean cascadeOnDelete) {
    public enum Kind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY }

    public static List<ConstraintSpec> standard() {
        List<ConstraintSpec> out = new ArrayList<>();
        for (String line : Resources.text("schema/constraints.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] p = line.split("\t", -1);
            Kind kind = switch (p[0]) {
                case "pk" -> Kind.PRIMARY_KEY;
                case "unique" -> Kind.UNIQUE;
                case "fk" -> Kind.FOREIGN_KEY;
                default -> throw new IllegalStateException("unknown constraint kind " + p[0]);
            };
            out.add(new ConstraintSpec(kind, p[1], p[2], p[3], p[4], p[5], p[6].equals("cascade")));
        }
        return out;
    }

    /**
     * The DDL. {@code notValid} adds a foreign key that guards new rows but does not check existing ones:
     * used when the referenced table could not be loaded, so the check would fail for a reason that is
     * not the data's fault.
     */
    public String toSql(boolean notValid) {
        String head = "ALTER TABLE " + table + " ADD CONSTRAINT " + PsqlVariables.identifier(name);
        return switch (kind) {
            case PRIMARY_KEY -> head + " PRIMARY KEY (" + columns + ");";
            case UNIQUE -> head + " UNIQUE (" + columns + ");";
            case FOREIGN_KEY -> head + " FOREIGN KEY (" + columns + ") REFERENCES " + refTable + " (" + refColumns + ")"
                    + (cascadeOnDelete ? " ON DELETE CASCADE" : "") + (notValid ? " NOT VALID" : "") + ";";
        };
    }
}
