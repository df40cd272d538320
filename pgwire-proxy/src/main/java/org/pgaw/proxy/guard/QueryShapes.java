package org.pgaw.proxy.guard;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a whole simple-Query text's shape decides, cached by its plan key ({@link PlanCache#key} over all its tokens)
 * and the gate: where its statements start and end, each statement's {@link LimitPlan}, and the statement's
 * {@link StatementChecks} when they read no constant. A simple-protocol client that writes values into its text
 * (pgbench -S: {@code ... WHERE aid = 12345}, a new text every time, so the exact-text {@link RewriteMemo} misses) then
 * costs a lex, one key and one lookup, instead of a split, a plan lookup and the gate for every statement. Only the
 * parts that depend on the values (the spliced limit, checks that read a constant) run again.
 *
 * <p>Lock-free lookups (the event-loop threads share it). Bounded like {@link PlanCache}, in entries and in weight
 * (key chars and statements), because one learner's stream of distinct shapes would otherwise fill it for everybody;
 * when full, arbitrary entries go.
 */
final class QueryShapes {
    /**
     * The weight of all entries together: a key's chars plus {@link #STATEMENT_WEIGHT} per statement. Each statement
     * holds a small record and its plan (checks are kept only when they refuse nothing, see {@link LimitRewriter}),
     * so this bounds the heap at a few MiB, whatever a learner sends.
     */
    static final long MAX_TOTAL_WEIGHT = 2L * 1024 * 1024;
    static final int STATEMENT_WEIGHT = 32;
    /** Longer Queries are split every time: a class's Queries hold one statement, or a few. */
    static final int MAX_STATEMENTS = 64;

    record Key(String tokens, StatementGate gate) { }

    /**
     * One statement: tokens {@code [firstToken, endToken)} of the text.
     *
     * @param checks null when they read a constant: run them again for every text
     */
    record Statement(int firstToken, int endToken, LimitPlan plan, StatementChecks checks) { }

    record Shape(List<Statement> statements) { }

    private final int capacity;
    private final ConcurrentHashMap<Key, Shape> map;
    private final AtomicLong weight = new AtomicLong();
    private final LongAdder hits = new LongAdder();

    QueryShapes(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.max(16, Math.min(capacity, 4096) * 2));
    }

    /**
     * The key of a lexed text, or null when it is not cached: empty, too long ({@link PlanCache#MAX_KEY_CHARS}),
     * or one the lexer cannot split with certainty (the refusal names places in the text).
     */
    Key key(SqlTokens t, StatementGate gate) {
        if (capacity == 0 || t.size() == 0 || t.unterminated() || t.overflow()) {
            return null;
        }
        String tokens = PlanCache.key(t, 0, t.size());
        return tokens == null ? null : new Key(tokens, gate);
    }

    Shape get(Key key) {
        Shape s = key == null ? null : map.get(key);
        if (s != null) {
            hits.add(s.statements().size());
        }
        return s;
    }

    void put(Key key, Shape shape) {
        if (key == null || shape.statements().size() > MAX_STATEMENTS) {
            return;
        }
        if (map.putIfAbsent(key, shape) == null) {
            weight.addAndGet(weight(key, shape));
        }
        Iterator<Map.Entry<Key, Shape>> it = map.entrySet().iterator();
        while ((map.size() > capacity || weight.get() > MAX_TOTAL_WEIGHT) && it.hasNext()) {
            Map.Entry<Key, Shape> old = it.next();
            if (map.remove(old.getKey(), old.getValue())) {
                weight.addAndGet(-weight(old.getKey(), old.getValue()));
            }
        }
    }

    private static long weight(Key key, Shape shape) {
        return key.tokens().length() + (long) STATEMENT_WEIGHT * shape.statements().size();
    }

    /** Statements planned from a known shape. */
    long hits() {
        return hits.sum();
    }

    int size() {
        return map.size();
    }

    /** Key chars plus statements' weight of all entries: at most {@link #MAX_TOTAL_WEIGHT}. */
    long weight() {
        return weight.get();
    }
}
