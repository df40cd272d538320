package org.pgaw.proxy.guard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded least-recently-used map from a statement's normalised text ({@link #key}) to its {@link LimitPlan}.
 * Thread-safe: the proxy's event-loop threads share one cache. Plans do not depend on literal values, so
 * {@code ... WHERE aid = 17} and {@code ... WHERE aid = 42} share an entry.
 */
final class PlanCache {
    /** Statements longer than this are planned every time instead of filling the cache with one-off giants. */
    static final int MAX_KEY_CHARS = 16 * 1024;

    private final Map<String, LimitPlan> map;
    private long hits;
    private long misses;

    PlanCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacity);
        }
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LimitPlan> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized LimitPlan get(String key) {
        LimitPlan plan = map.get(key);
        if (plan == null) {
            misses++;
        } else {
            hits++;
        }
        return plan;
    }

    synchronized void put(String key, LimitPlan plan) {
        map.put(key, plan);
    }

    synchronized int size() {
        return map.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    /**
     * The statement's tokens, each written as its type, its length and its text, with every string and number
     * constant's text replaced by {@code ?} (comments and layout dropped). The prefixes make the key unambiguous: two
     * statements share a key only when their token streams agree in every token but the constants' values.
     * Null when the statement is too long to be worth caching.
     */
    static String key(SqlTokens t, int from, int to) {
        int chars = t.end(to - 1) - t.start(from);
        if (chars > MAX_KEY_CHARS) {
            return null;
        }
        StringBuilder sb = new StringBuilder(chars + 4 * (to - from));
        String sql = t.sql();
        for (int i = from; i < to; i++) {
            TokenType type = t.type(i);
            sb.append((char) ('A' + type.ordinal()));
            if (type == TokenType.STRING || type == TokenType.NUMBER) {
                sb.append('?');
            } else {
                sb.append(t.end(i) - t.start(i)).append(':').append(sql, t.start(i), t.end(i));
            }
        }
        return sb.toString();
    }
}
