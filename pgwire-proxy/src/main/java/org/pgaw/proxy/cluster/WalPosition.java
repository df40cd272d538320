package org.pgaw.proxy.cluster;

/** A PostgreSQL WAL position ({@code pg_lsn}, written {@code 16/B374D848}) as a number of bytes; null stays null. */
final class WalPosition {
    private WalPosition() { }

    static Long parse(String lsn) {
        if (lsn == null) return null;
        int slash = lsn.indexOf('/');
        if (slash <= 0) throw new IllegalArgumentException("not a WAL position: " + lsn);
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }
}
