package org.pgaw.proxy.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * The row-limit rewrite: every top-level query a learner sends asks PostgreSQL for at most {@code maxRows + 1} rows,
 * so the session can forward {@code maxRows}, drop the extra one and tell the learner the result was cut.
 *
 * <p>The original text is spliced, never re-printed: the only change is an added {@code LIMIT n}, a lowered number,
 * {@code LIMIT ALL} → {@code n}, or an expression wrapped as {@code LEAST(expr, n)}. Decisions come from the tokens
 * of {@link SqlLexer} ({@link LimitAnalyzer}), are checked by JSqlParser on the first sight of a statement shape
 * ({@link ParserCrossCheck}), and are cached by normalised text ({@link PlanCache}), so a statement seen before costs
 * a lex and a map lookup. A whole simple-Query text of a known shape reuses its split, plans and the checks that read
 * no constant ({@link QueryShapes}); a text seen verbatim before reuses its whole result ({@link RewriteMemo}).
 * Thread-safe; one instance serves the whole proxy.
 */
public final class LimitRewriter {
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;

    private final PlanCache cache;
    /** Whole Query texts by shape (constants left out): splits, plans and the checks that read no constant. */
    private final QueryShapes shapes;
    /** Whole results of texts seen verbatim before (same cap, same gate): a repeat costs one lookup. */
    private final RewriteMemo<RewriteResult> queries;
    private final RewriteMemo<StatementRewrite> statements;
    private final ParserCrossCheck crossCheck;
    private final StatementGate gate;

    /** The production setting: a 10,000-entry cache, no JSqlParser on the proxy's threads, the default gate. */
    public LimitRewriter() {
        this(DEFAULT_CACHE_CAPACITY, false);
    }

    /**
     * @param cacheCapacity statement shapes remembered (0 = plan every statement afresh)
     * @param crossCheck    confirm new rewrite decisions with JSqlParser; measured here at 0.1-130 ms per new
     *                      statement shape (median ~0.4 ms), unbounded in the worst case, so the tests use it as an
     *                      oracle and production leaves it off
     */
    public LimitRewriter(int cacheCapacity, boolean crossCheck) {
        this(cacheCapacity, crossCheck, StatementGate.defaults());
    }

    /** @param gate which statements a guarded session may run; checked for every statement while planning */
    public LimitRewriter(int cacheCapacity, boolean crossCheck, StatementGate gate) {
        this.cache = new PlanCache(cacheCapacity);
        this.shapes = new QueryShapes(cacheCapacity);
        int memo = Math.min(cacheCapacity, 1024);
        this.queries = new RewriteMemo<>(memo);
        this.statements = new RewriteMemo<>(memo);
        this.crossCheck = crossCheck ? new ParserCrossCheck() : null;
        this.gate = gate;
    }

    /** A whole simple-Query text, with PostgreSQL's default {@code standard_conforming_strings = on}. */
    public RewriteResult rewriteQuery(String sql, int maxRows) {
        return rewriteQuery(sql, maxRows, true);
    }

    public RewriteResult rewriteQuery(String sql, int maxRows, boolean standardConformingStrings) {
        return rewriteQuery(sql, maxRows, Boolean.valueOf(standardConformingStrings));
    }

    /**
     * A whole simple-Query text. Refused whole ({@link RewriteResult#queryRefusal()}) when the lexer cannot promise
     * to split it as PostgreSQL will; each statement is checked by the {@link StatementGate}.
     *
     * <p>PostgreSQL lexes and parses the whole Query text before it runs any of it, so a {@code SET
     * standard_conforming_strings} inside the Query changes only how the <em>next</em> Query (or Parse) is read: the
     * whole text is lexed with the value in force before it, and {@link RewriteResult#standardConformingStringsAfter()}
     * says what follows.
     *
     * @param standardConformingStrings the value in force before the Query, null when unknown (a change may be in
     *                                  flight): then a text whose meaning depends on it is refused
     */
    public RewriteResult rewriteQuery(String sql, int maxRows, Boolean standardConformingStrings) {
        return rewriteQuery(sql, maxRows, standardConformingStrings, gate);
    }

    /** As above, with the session's own gate (the teacher's policy may allow more than the default). */
    public RewriteResult rewriteQuery(String sql, int maxRows, Boolean standardConformingStrings, StatementGate gate) {
        RewriteMemo.Key key = RewriteMemo.key(sql, maxRows, standardConformingStrings, gate);
        RewriteResult known = queries.get(key);
        if (known != null) return known;
        RewriteResult r = planQuery(sql, maxRows, standardConformingStrings, gate);
        queries.put(key, r);
        return r;
    }

    private RewriteResult planQuery(String sql, int maxRows, Boolean standardConformingStrings, StatementGate gate) {
        SqlTokens t = SqlLexer.lexEitherWay(sql, standardConformingStrings, 0);
        if (t == null) {
            return RewriteResult.refused(sql, LexerRefusals.ambiguousBackslash(), standardConformingStrings);
        }
        QueryShapes.Key shapeKey = shapes.key(t, gate);
        QueryShapes.Shape shape = shapes.get(shapeKey);
        if (shape == null) {
            QuerySplit split = SqlLexer.split(t);
            if (!split.certain()) {
                return RewriteResult.refused(sql, LexerRefusals.forUncertainSplit(split), standardConformingStrings);
            }
            return firstOfShape(sql, t, split, maxRows, standardConformingStrings, gate, shapeKey);
        }
        return rewrite(sql, t, shape, null, maxRows, standardConformingStrings, gate);
    }

    /** A text whose shape is new: planned statement by statement, and its shape remembered. */
    private RewriteResult firstOfShape(String sql, SqlTokens t, QuerySplit split, int maxRows,
                                       Boolean standardConformingStrings, StatementGate gate, QueryShapes.Key key) {
        List<QueryShapes.Statement> statements = new ArrayList<>(split.statements().size());
        List<StatementChecks> checks = new ArrayList<>(split.statements().size());
        for (StatementSpan span : split.statements()) {
            int a = span.firstToken();
            int b = span.endToken();
            LimitPlan plan = plan(t, span);
            // what the checks need to know of the outcome (whether it is a query) does not depend on constants
            boolean notAQuery = outcome(t, span, plan, maxRows).decision == Decision.NOT_A_QUERY;
            StatementChecks.Watched w = StatementChecks.watched(t, a, b, gate, notAQuery);
            checks.add(w.checks());
            statements.add(new QueryShapes.Statement(a, b, plan, reusable(w)));
        }
        QueryShapes.Shape shape = new QueryShapes.Shape(List.copyOf(statements));
        shapes.put(key, shape);
        return rewrite(sql, t, shape, checks, maxRows, standardConformingStrings, gate);
    }

    /**
     * The checks a shape keeps for its other texts: none that read a constant, and no refusal (refusals are rare, and
     * their messages would make a cache entry weigh more than its key); the common outcome as one shared instance.
     */
    private static StatementChecks reusable(StatementChecks.Watched w) {
        if (w.readConstants() || w.checks().refusal() != null) {
            return null;
        }
        return w.checks().equals(StatementChecks.NONE) ? StatementChecks.NONE : w.checks();
    }

    /**
     * The rewrite of one text of a known shape: the limits spliced for its values, and the checks taken from the
     * shape where they read no constant.
     *
     * @param checks this text's own checks, one per statement; null to take them from the shape or run them
     */
    private RewriteResult rewrite(String sql, SqlTokens t, QueryShapes.Shape shape, List<StatementChecks> checks,
                                  int maxRows, Boolean standardConformingStrings, StatementGate gate) {
        List<QueryShapes.Statement> shapeStatements = shape.statements();
        List<StatementRewrite> results = new ArrayList<>(shapeStatements.size());
        StringBuilder out = null;
        PositionMap.Builder positions = null;
        int copied = 0;
        boolean scsChanges = false;
        for (int i = 0; i < shapeStatements.size(); i++) {
            QueryShapes.Statement s = shapeStatements.get(i);
            int a = s.firstToken();
            int b = s.endToken();
            StatementSpan span = new StatementSpan(a, b, t.start(a), t.end(b - 1));
            Outcome o = outcome(t, span, s.plan(), maxRows);
            String statementSql;
            if (o.edit == null) {
                statementSql = sql.substring(span.start(), span.end());
            } else {
                if (out == null) {
                    out = new StringBuilder(sql.length() + 32);
                    positions = new PositionMap.Builder(sql);
                }
                out.append(sql, copied, o.edit.start).append(o.edit.replacement);
                copied = o.edit.end;
                positions.edit(o.edit);
                statementSql = o.edit.applyTo(sql, span.start(), span.end());
            }
            boolean notAQuery = o.decision == Decision.NOT_A_QUERY;
            StatementChecks c = checks != null ? checks.get(i) : s.checks();
            if (c == null || (notAQuery && !c.cursorCommandRead())) {
                c = StatementChecks.run(t, a, b, gate, notAQuery);
            }
            StatementRewrite r = statement(o, c, statementSql, null);
            scsChanges |= r.scsEffect() != ScsEffect.UNCHANGED;
            results.add(r);
        }
        String newSql = out == null ? sql : out.append(sql, copied, sql.length()).toString();
        // A statement that changes the value may also fail (and the rest not run): until PostgreSQL reports the
        // value, it is unknown.
        return new RewriteResult(newSql, List.copyOf(results), null, scsChanges ? null : standardConformingStrings,
                positions == null ? PositionMap.IDENTITY : positions.build(newSql));
    }

    /** One statement, e.g. the query of an extended-protocol Parse (a trailing {@code ;} and comments are fine). */
    public StatementRewrite rewriteStatement(String sql, int maxRows) {
        return rewriteStatement(sql, maxRows, true);
    }

    public StatementRewrite rewriteStatement(String sql, int maxRows, boolean standardConformingStrings) {
        return rewriteStatement(sql, maxRows, Boolean.valueOf(standardConformingStrings));
    }

    /**
     * One Parse'd statement. Several statements in one Parse are left to PostgreSQL, which rejects them ("cannot
     * insert multiple commands into a prepared statement") before anything runs; an uncertain split is refused.
     *
     * @param standardConformingStrings null when unknown: a text whose meaning depends on it is refused
     */
    public StatementRewrite rewriteStatement(String sql, int maxRows, Boolean standardConformingStrings) {
        return rewriteStatement(sql, maxRows, standardConformingStrings, gate);
    }

    /** As above, with the session's own gate (the teacher's policy may allow more than the default). */
    public StatementRewrite rewriteStatement(String sql, int maxRows, Boolean standardConformingStrings,
                                             StatementGate gate) {
        RewriteMemo.Key key = RewriteMemo.key(sql, maxRows, standardConformingStrings, gate);
        StatementRewrite known = statements.get(key);
        if (known != null) return known;
        StatementRewrite r = planStatement(sql, maxRows, standardConformingStrings, gate);
        statements.put(key, r);
        return r;
    }

    private StatementRewrite planStatement(String sql, int maxRows, Boolean standardConformingStrings,
                                           StatementGate gate) {
        SqlTokens t = SqlLexer.lexEitherWay(sql, standardConformingStrings, 0);
        if (t == null) {
            return StatementRewrite.unchanged(Decision.UNPARSEABLE, sql).withRefusal(LexerRefusals.ambiguousBackslash());
        }
        QuerySplit split = SqlLexer.split(t);
        if (!split.certain()) {
            return StatementRewrite.unchanged(Decision.UNPARSEABLE, sql)
                    .withRefusal(LexerRefusals.forUncertainSplit(split));
        }
        if (split.statements().size() > 1) {
            return StatementRewrite.unchanged(Decision.UNPARSEABLE, sql);
        }
        if (split.statements().isEmpty()) {
            return StatementRewrite.unchanged(Decision.NOT_A_QUERY, sql);
        }
        StatementSpan span = split.statements().get(0);
        Outcome o = outcome(split.tokens(), span, maxRows);
        if (o.edit == null) {
            return statement(split.tokens(), span, o, sql, PositionMap.IDENTITY, gate);
        }
        String text = o.edit.applyTo(sql, 0, sql.length());
        return statement(split.tokens(), span, o, text, PositionMap.of(sql, text, o.edit), gate);
    }

    /** @param positions for a Parse'd statement, its own position map; null inside a Query (the Query has one) */
    private StatementRewrite statement(SqlTokens t, StatementSpan span, Outcome o, String text, PositionMap positions,
                                       StatementGate gate) {
        StatementChecks c = StatementChecks.run(t, span.firstToken(), span.endToken(), gate,
                o.decision == Decision.NOT_A_QUERY);
        return statement(o, c, text, positions);
    }

    private static StatementRewrite statement(Outcome o, StatementChecks c, String text, PositionMap positions) {
        CursorCommand fetch = o.decision == Decision.NOT_A_QUERY ? c.cursorCommand() : null;
        return new StatementRewrite(o.decision, text, o.capRows, o.cursorName, c.refusal(), fetch, c.scsEffect(),
                positions == null ? PositionMap.IDENTITY : positions);
    }

    /** Statements whose plan came from a cache: the plan cache's hits and the statements of Query shapes known. */
    public long cacheHits() {
        return cache.hits() + shapes.hits();
    }

    public long cacheMisses() {
        return cache.misses();
    }

    public int cacheSize() {
        return cache.size();
    }

    /** Characters held by the plan cache's keys (bounded: the cache is shared by every session). */
    public long cacheKeyChars() {
        return cache.keyChars();
    }

    private Outcome outcome(SqlTokens t, StatementSpan span, int maxRows) {
        return maxRows <= 0 ? NO_ROW_LIMIT : outcome(t, span, plan(t, span), maxRows);
    }

    private static final Outcome NO_ROW_LIMIT = new Outcome(Decision.NO_ROW_LIMIT, null, -1, null);

    private static Outcome outcome(SqlTokens t, StatementSpan span, LimitPlan plan, int maxRows) {
        if (maxRows <= 0) {
            return NO_ROW_LIMIT;
        }
        int rows = Math.min(maxRows, Integer.MAX_VALUE - 1);
        return SpliceApplier.apply(plan, t, span.firstToken(), rows);
    }

    private LimitPlan plan(SqlTokens t, StatementSpan span) {
        String key = PlanCache.key(t, span.firstToken(), span.endToken());
        LimitPlan plan = key == null ? null : cache.get(key);
        if (plan == null) {
            plan = LimitAnalyzer.plan(t, span.firstToken(), span.endToken());
            if (crossCheck != null) {
                plan = crossCheck.verify(t, span, plan);
            }
            if (key != null) {
                cache.put(key, plan);
            }
        }
        return plan;
    }

    /** A replacement of chars {@code [start, end)} of the original text. */
    record Edit(int start, int end, String replacement, int keptAt) {
        /** A replacement that does not keep the original text. */
        Edit(int start, int end, String replacement) {
            this(start, end, replacement, -1);
        }

        /** The chars {@code [from, to)} of {@code sql} with this edit applied (it must lie inside). */
        String applyTo(String sql, int from, int to) {
            return sql.substring(from, start) + replacement + sql.substring(end, to);
        }
    }

    record Outcome(Decision decision, Edit edit, int capRows, String cursorName) { }
}
