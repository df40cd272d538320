package org.pgaw.proxy.guard;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Whole rewrite results by exact statement text, for texts that come again verbatim: an extended-protocol client
 * Parses the same text for every execution (pgbench, every driver's unnamed statement), pgAdmin repeats its catalog
 * queries. A hit costs one hash lookup instead of lexing, splitting, planning and the {@link StatementGate}'s check.
 *
 * <p>The key is everything a result depends on: the text, the row cap, {@code standard_conforming_strings} and the
 * gate instance (one per policy). Unlike {@link PlanCache}, which shares a plan between texts that differ only in
 * their constants, nothing here is shared between different texts: the gate reads some constants (an EXPLAIN option's
 * value, {@code set_config}'s setting name, a {@code UESCAPE} character), so its decision may not be reused for other
 * values. Results are immutable records, so one instance serves every session.
 *
 * <p>Bounded, because one learner could otherwise fill it for everybody: only texts up to {@link #MAX_CHARS} chars,
 * at most {@code capacity} entries (an arbitrary one is dropped when full; 1,024 in production, so an entry's text,
 * its rewrite and its statements' texts hold at most ~6 KiB and the memo ~6 MiB), and a text is admitted on its
 * second sight only, so a stream of one-off texts (a simple-protocol client with literal values) costs no more than
 * a probe of a small table.
 */
final class RewriteMemo<V> {
    static final int MAX_CHARS = 1024;

    record Key(String sql, int maxRows, Boolean standardConformingStrings, StatementGate gate) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.maxRows == maxRows && k.gate == gate
                    && java.util.Objects.equals(k.standardConformingStrings, standardConformingStrings)
                    && k.sql.equals(sql);
        }

        @Override
        public int hashCode() {
            return (sql.hashCode() * 31 + maxRows) * 31 + System.identityHashCode(gate)
                    + (standardConformingStrings == null ? 0 : standardConformingStrings ? 1 : 2);
        }
    }

    private final int capacity;
    private final ConcurrentHashMap<Key, V> map;
    /**
     * Hashes of keys seen once (a lossy table): a key is admitted when its hash is found here. One table per thread:
     * every Query of a one-off text writes it, and a table shared by the event-loop threads would move its cache
     * lines between the cores on nearly every Query. A connection stays on one event loop, so a client's repeated
     * text is still seen twice by the same table.
     */
    private final ThreadLocal<int[]> seenOnce;
    private final int slots;
    /**
     * How many keys in the map fall on each slot of the seen-once tables' size: a text whose slot holds none is not
     * looked up at all. A stream of one-off texts (pgbench -S, simple protocol) then costs a read of this small
     * table instead of a probe of the map's larger one, which the other threads' work has mostly pushed out of the
     * CPU's caches.
     */
    private final AtomicIntegerArray held;

    RewriteMemo(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.max(16, Math.min(capacity, 4096) * 2));
        this.slots = Integer.highestOneBit(Math.max(capacity, 1) * 2);
        this.seenOnce = ThreadLocal.withInitial(() -> new int[slots]);
        this.held = new AtomicIntegerArray(slots);
    }

    /** Null for texts too long to be kept, and when there is no room at all. */
    static Key key(String sql, int maxRows, Boolean standardConformingStrings, StatementGate gate) {
        return sql.length() > MAX_CHARS ? null : new Key(sql, maxRows, standardConformingStrings, gate);
    }

    V get(Key key) {
        if (key == null || capacity == 0 || held.get(slot(key.hashCode())) == 0) {
            return null;
        }
        return map.get(key);
    }

    private int slot(int h) {
        return (h ^ (h >>> 16)) & (slots - 1);
    }

    void put(Key key, V value) {
        if (key == null || capacity == 0) return;
        int h = key.hashCode();
        int slot = slot(h);
        int[] seen = seenOnce.get();
        if (seen[slot] != h) {
            seen[slot] = h;
            return;
        }
        if (map.size() >= capacity) {
            Iterator<Key> it = map.keySet().iterator();
            if (it.hasNext()) {
                Key old = it.next();
                if (map.remove(old) != null) {
                    held.decrementAndGet(slot(old.hashCode()));
                }
            }
        }
        // counted before it can be found, so a reader never misses a key the map holds
        held.incrementAndGet(slot);
        if (map.put(key, value) != null) {
            held.decrementAndGet(slot);
        }
    }

    int size() {
        return map.size();
    }
}
