package org.pgaw.proxy.guard;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * A bounded least-recently-used map from a statement's normalised text ({@link #key}) to its {@link LimitPlan}.
 * Thread-safe: the proxy's event-loop threads share one cache. Plans do not depend on literal values, so
 * {@code ... WHERE aid = 17} and {@code ... WHERE aid = 42} share an entry.
 *
 * <p>Bounded in entries AND in the characters of its keys: the cache is shared by every session, and one learner
 * sending thousands of distinct 16 KiB statements (a key is up to three times its statement's characters: a type, a
 * length and the text of every token) would otherwise make it hold gigabytes, and the proxy (the whole class) would
 * run out of memory. Least recently used entries go first, whichever bound is reached.
 */
final class PlanCache {
    /** Statements longer than this are planned every time instead of filling the cache with one-off giants. */
    static final int MAX_KEY_CHARS = 16 * 1024;
    /** All keys together hold at most this many chars (8-16 MiB of heap): thousands of pgAdmin-sized queries. */
    static final long MAX_TOTAL_KEY_CHARS = 8L * 1024 * 1024;

    private final LinkedHashMap<String, LimitPlan> map;
    private final int capacity;
    private final long maxTotalKeyChars;
    private long totalKeyChars;
    private long hits;
    private long misses;

    PlanCache(int capacity) {
        this(capacity, MAX_TOTAL_KEY_CHARS);
    }

    PlanCache(int capacity, long maxTotalKeyChars) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.maxTotalKeyChars = maxTotalKeyChars;
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true);
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
        if (capacity == 0 || key.length() > maxTotalKeyChars) {
            return;
        }
        if (map.put(key, plan) == null) {
            totalKeyChars += key.length();
        }
        Iterator<String> eldest = map.keySet().iterator();
        while (map.size() > capacity || totalKeyChars > maxTotalKeyChars) {
            totalKeyChars -= eldest.next().length();
            eldest.remove();
        }
    }

    synchronized int size() {
        return map.size();
    }

    /** Characters of all keys held: at most {@link #MAX_TOTAL_KEY_CHARS}. */
    synchronized long keyChars() {
        return totalKeyChars;
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
        StringBuilder sb = new StringBuilder(chars + 2 * (to - from));
        String sql = t.sql();
        for (int i = from; i < to; i++) {
            TokenType type = t.type(i);
            sb.append((char) ('A' + type.ordinal()));
            if (type == TokenType.STRING || type == TokenType.NUMBER) {
                sb.append('?');
            } else {
                // the length as one char (a token here is at most MAX_KEY_CHARS long): no number formatting
                sb.append((char) (t.end(i) - t.start(i))).append(sql, t.start(i), t.end(i));
            }
        }
        return sb.toString();
    }
}
