package org.pgaw.db;

/**
 * One field of an upstream CSV file, in file order.
 *
 * @param column     the target column, or null when the field is a CSV-only (computed) column that is dropped
 * @param conversion how the raw text becomes the column's value
 */
public record FieldSpec(String column, Conversion conversion) {
    public enum Conversion {
        /** Text as it is (numbers, dates, XML, uuids: PostgreSQL parses them). */
        TEXT,
        /** Hex digits without a {@code \x} prefix, loaded as real {@code bytea}. */
        BYTEA,
        /** SQL Server hierarchyid as hex, loaded as a path string like {@code /1/2/}. */
        HIERARCHYID,
        /** A computed column the CSV carries but the table does not have. */
        DROP
    }

    public boolean kept() {
        return conversion != Conversion.DROP;
    }

    /** Parses one entry of the load plan: {@code name}, {@code name:bytea}, {@code name:hierarchyid} or {@code -}. */
    static FieldSpec parse(String token) {
        String t = token.trim();
        if (t.equals("-")) return new FieldSpec(null, Conversion.DROP);
        int colon = t.indexOf(':');
        if (colon < 0) return new FieldSpec(t, Conversion.TEXT);
        String kind = t.substring(colon + 1);
        Conversion c = switch (kind) {
            case "bytea" -> Conversion.BYTEA;
            case "hierarchyid" -> Conversion.HIERARCHYID;
            default -> throw new IllegalArgumentException("unknown conversion '" + kind + "' in load plan entry '" + t + "'");
        };
        return new FieldSpec(t.substring(0, colon), c);
    }
}
