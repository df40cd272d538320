package org.pgaw.db;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds how many characters one record may span. Without it a single stray quote in a large file would make the
 * CSV parser gather the rest of the file (up to 256 MiB) into one field in memory before failing. The largest
 * upstream record is under 100,000 characters (a Word document as hex), so the limit never touches real data.
 */
final class RecordSizeLimit extends FilterReader {
    static final int MAX_RECORD_CHARS = 8 << 20;
    private final int limit;
    private long sinceRecordStart;

    RecordSizeLimit(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    /** Called before each record is read. */
    void recordStarts() {
        sinceRecordStart = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) count(1);
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) count(n);
        return n;
    }

    private void count(int n) throws IOException {
        sinceRecordStart += n;
        if (sinceRecordStart > limit) {
            throw new TooLong("the record starting on this line runs on for more than " + limit
                    + " characters (a quote that is never closed?); the file is not in the expected format");
        }
    }

    /** Thrown when one record passes the limit; the record's first line is where the problem is. */
    static final class TooLong extends IOException {
        TooLong(String message) {
            super(message);
        }
    }
}
