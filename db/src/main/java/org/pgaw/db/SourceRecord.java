package org.pgaw.db;

import java.util.List;

/** One record of an upstream file: the line it starts on (1-based) and its raw fields (null = unquoted empty). */
public record SourceRecord(long line, List<String> fields) { }
