package org.pgaw.proxy.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the client received on behalf of one statement (one Execute or one statement of a Query), counted on the
 * wire: rows as DataRow and CopyData messages, notices, bytes of every message, and how it ended.
 */
public final class Result {
    int dataRows;
    int copyRows;
    int notices;
    long bytes;
    /** C, I (EmptyQueryResponse), E, s (PortalSuspended), V (FunctionCallResponse), or 0 while open. */
    char end;
    String commandTag;
    Map<Character, String> error;
    final List<String> guardNotices = new ArrayList<>();
    final List<String> otherNotices = new ArrayList<>();
    /** Nanoseconds from the send of the batch to the end of this result. */
    long endNanos;
    final StringBuilder tags = new StringBuilder();
    /** First column of the first DataRow, when it was small enough to keep. */
    String firstRow;
    /** This result continues a portal suspended before (its CommandComplete counts the whole portal). */
    boolean continued;
    /** Parameter types from a ParameterDescription, if one came. */
    int[] paramTypes;

    public String firstRow() { return firstRow; }

    public int[] paramTypes() { return paramTypes; }

    public int dataRows() { return dataRows; }

    public int copyRows() { return copyRows; }

    /** Rows of any kind: DataRow, CopyData, and server notices (rows can be smuggled out as notices). */
    public int rowsOfAnyKind() { return Math.max(Math.max(dataRows, copyRows), notices); }

    public long bytes() { return bytes; }

    public char end() { return end; }

    public String commandTag() { return commandTag; }

    public Map<Character, String> error() { return error; }

    public boolean isError() { return end == 'E'; }

    public String sqlState() { return error == null ? null : error.get('C'); }

    public List<String> guardNotices() { return guardNotices; }

    public long millis() { return endNanos / 1_000_000; }

    public String tags() { return tags.toString(); }

    boolean isEmpty() { return tags.length() == 0; }

    @Override
    public String toString() {
        String t = tags.length() > 60 ? tags.substring(0, 30) + "…" + tags.substring(tags.length() - 20) : tags.toString();
        return "Result{rows=" + dataRows + ", copyRows=" + copyRows + ", notices=" + notices + ", bytes=" + bytes
                + ", end=" + (end == 0 ? "-" : String.valueOf(end)) + ", tag=" + commandTag
                + ", error=" + (error == null ? null : error.get('C') + " " + abbreviate(error.get('M')))
                + ", guard=" + guardNotices + ", ms=" + millis() + ", tags=" + t + "}";
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "…(" + s.length() + " chars)";
    }
}
