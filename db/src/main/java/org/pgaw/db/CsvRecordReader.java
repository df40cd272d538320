package org.pgaw.db;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * The upstream CSV dialect: TAB-delimited, {@code "}-quoted with {@code ""} inside quotes, no header,
 * CRLF or LF, and an unquoted empty field means NULL while a quoted {@code ""} is an empty string.
 */
final class CsvRecordReader implements RecordReader {
    private static final CSVFormat FORMAT = CSVFormat.Builder.create()
            .setDelimiter('\t')
            .setQuote('"')
            .setEscape(null)
            .setNullString(null)
            // ALL_NON_NULL makes the parser tell an unquoted empty field (null) from a quoted "" (empty string).
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(false)
            .get();

    private final String file;
    private final RecordSizeLimit limit;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long nextStartLine = 1;

    CsvRecordReader(String file, Reader reader) throws IOException {
        this(file, reader, RecordSizeLimit.MAX_RECORD_CHARS);
    }

    CsvRecordReader(String file, Reader reader, int maxRecordChars) throws IOException {
        this.file = file;
        this.limit = new RecordSizeLimit(reader, maxRecordChars);
        this.parser = CSVParser.builder().setReader(limit).setFormat(FORMAT).get();
        this.records = parser.iterator();
    }

    @Override
    public SourceRecord next() throws DataFileException {
        long start = nextStartLine;
        limit.recordStarts();
        try {
            if (!records.hasNext()) return null;
            CSVRecord r = records.next();
            List<String> fields = new ArrayList<>(r.size());
            r.forEach(fields::add);
            nextStartLine = parser.getCurrentLineNumber() + 1;
            return new SourceRecord(start, fields);
        } catch (RuntimeException e) {
            // commons-csv wraps I/O and encoding failures in UncheckedIOException / IllegalStateException.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            long line = cause instanceof RecordSizeLimit.TooLong ? start : Math.max(start, parser.getCurrentLineNumber());
            throw new DataFileException(file, line, describe(cause), e);
        }
    }

    static String describe(Throwable t) {
        if (t instanceof java.nio.charset.CharacterCodingException) {
            return "bytes that are not valid in the file's encoding (" + t.getClass().getSimpleName() + ")";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
