package org.pgaw.db;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * ProductReview.csv: TAB-separated, nothing quoted, and the comment field holds raw line breaks, so a
 * line break ends a record only after the last field. The file is four records (a few KiB) and is read whole.
 * Line breaks inside values are normalised to LF.
 */
final class MultilineRecordReader implements RecordReader {
    private static final int MAX_CHARS = 1 << 20;
    private final List<SourceRecord> records = new ArrayList<>();
    private int next;

    MultilineRecordReader(String file, Reader reader, int fieldCount) throws IOException {
        String text;
        try {
            char[] buf = new char[8192];
            StringBuilder sb = new StringBuilder();
            for (int n; (n = reader.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
                if (sb.length() > MAX_CHARS) throw new IOException(file + " is larger than expected (over 1 MiB)");
            }
            text = sb.toString().replace("\r\n", "\n");
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": bytes that are not valid UTF-8", e);
        } finally {
            reader.close();
        }
        String[] tokens = text.split("\t", -1);
        List<String> current = new ArrayList<>();
        long line = 1;
        long startLine = 1;
        for (String token : tokens) {
            if (current.size() == fieldCount - 1) {
                int eol = token.indexOf('\n');
                String last = eol < 0 ? token : token.substring(0, eol);
                current.add(last);
                records.add(new SourceRecord(startLine, List.copyOf(current)));
                current.clear();
                line += newlines(last) + (eol < 0 ? 0 : 1);
                startLine = line;
                String rest = eol < 0 ? "" : token.substring(eol + 1);
                if (!rest.isEmpty()) current.add(rest);
                line += newlines(rest);
            } else {
                current.add(token);
                line += newlines(token);
            }
        }
        if (!current.isEmpty()) {
            throw new IOException(file + " line " + startLine + ": record has " + current.size()
                    + " fields, expected " + fieldCount);
        }
    }

    private static int newlines(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') n++;
        return n;
    }

    @Override
    public SourceRecord next() {
        return next < records.size() ? records.get(next++) : null;
    }

    @Override
    public void close() { }
}
