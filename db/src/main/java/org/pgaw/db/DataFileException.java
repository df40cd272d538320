package org.pgaw.db;

/** A problem in one upstream file, at a known line: the message names both. */
public final class DataFileException extends Exception {
    private final String file;
    private final long line;

    private final String problem;

    public DataFileException(String file, long line, String problem, Throwable cause) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The message without the file name: "line 3: ..." (or just the problem when no line is known). */
    public String problemWithLine() {
        return (line > 0 ? "line " + line + ": " : "") + problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line in the file, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }
}
