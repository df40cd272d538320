package org.pgaw.db;

/** A table that stays empty because its upstream file is not there. */
public record MissingTable(String table, String file, String reason) {
    @Override
    public String toString() {
        return table + " (" + file + ": " + reason + ")";
    }
}
