package org.pgaw.proxy.guard;

/**
 * One statement inside a Query text: tokens {@code [firstToken, endToken)} (the terminating {@code ;} excluded) and the
 * chars {@code [start, end)} from its first token to the end of its last token (comments before or after excluded).
 */
public record StatementSpan(int firstToken, int endToken, int start, int end) { }
