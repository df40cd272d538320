package org.pgaw.db;

import java.util.List;

/**
 * Turns one upstream record into one line of PostgreSQL's COPY text format: fields TAB-separated,
 * {@code \N} for NULL, backslash escapes for backslash, TAB, CR and LF, so every record is exactly one line.
 */
final class CopyRowWriter {
    private final TablePlan plan;

    CopyRowWriter(TablePlan plan) {
        this.plan = plan;
    }

    /** Appends the converted record and a LF to {@code out}; throws with the problem, the caller adds file and line. */
    void append(SourceRecord record, StringBuilder out) {
        List<FieldSpec> specs = plan.fields();
        List<String> values = record.fields();
        if (values.size() != specs.size()) {
            throw new IllegalArgumentException("record has " + values.size() + " fields, expected " + specs.size());
        }
        boolean first = true;
        for (int i = 0; i < specs.size(); i++) {
            FieldSpec spec = specs.get(i);
            if (!spec.kept()) continue;
            if (!first) out.append('\t');
            first = false;
            String v = values.get(i);
            try {
                switch (spec.conversion()) {
                    case TEXT -> appendText(v, out);
                    case BYTEA -> appendBytea(v, out);
                    case HIERARCHYID -> appendText(HierarchyId.pathFromHex(v), out);
                    default -> throw new IllegalStateException("unreachable");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column " + spec.column() + ": " + e.getMessage(), e);
            }
        }
        out.append('\n');
    }

    private static void appendBytea(String hex, StringBuilder out) {
        if (hex == null) {
            out.append("\\N");
            return;
        }
        Hex.validate(hex);
        // bytea's hex input is \x<digits>; COPY text needs the backslash itself escaped.
        out.append("\\\\x").append(hex);
    }

    static void appendText(String v, StringBuilder out) {
        if (v == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
