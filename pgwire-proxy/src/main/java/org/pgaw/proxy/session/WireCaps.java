package org.pgaw.proxy.session;

import org.pgaw.proxy.guard.EffectiveLimits;

/**
 * The row caps the proxy enforces on the wire for one guarded session, and the bounds of what it remembers.
 *
 * <p>Catalog-only results (pgAdmin's object tree and autocomplete, which reads 3,216 rows on a fresh AdventureWorks)
 * get a higher cap, never none: {@code catalog_max_rows} (default 10,000), or the session's own cap when higher.
 */
final class WireCaps {
    /** Longest statement or portal name (bytes): PostgreSQL's own identifiers stop at NAMEDATALEN - 1. */
    static final int MAX_NAME_BYTES = 63;
    /** Named statements, portals and cursors remembered per session (each); beyond, they are capped unplanned. */
    static final int MAX_TRACKED_NAMES = 1_000;

    private final int maxRows;
    private final int catalogMaxRows;

    WireCaps(EffectiveLimits limits) {
        this.maxRows = limits.maxRows();
        this.catalogMaxRows = limits.catalogMaxRows();
    }

    /** What the rewriter is asked to cap at (0 = no row limit). */
    int rewriteRows() {
        return maxRows;
    }

    /** Rows any result delivers at most, or -1 when the policy has no row cap. */
    int rows() {
        return maxRows > 0 ? maxRows : -1;
    }

    /** Rows a catalog-only result delivers at most, or -1 when the policy has no row cap. */
    int catalogRows() {
        return maxRows > 0 ? Math.max(maxRows, catalogMaxRows) : -1;
    }
}
