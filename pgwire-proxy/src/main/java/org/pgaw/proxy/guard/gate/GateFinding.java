package org.pgaw.proxy.guard.gate;

/**
 * Why the classifier stops a statement.
 *
 * @param category what kind of thing it does
 * @param what     the refused part as the learner wrote it, short and bounded (e.g. {@code DELETE},
 *                 {@code lo_from_bytea()}, {@code SET statement_timeout}); never the whole statement
 */
public record GateFinding(GateCategory category, String what) { }
