package org.pgaw.db;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the records of one upstream file in its real encoding; a byte that is not valid there is an error. */
public interface RecordReader extends Closeable {
    /** The next record, or null at the end of the file. */
    SourceRecord next() throws DataFileException;

    static RecordReader open(Path path, TablePlan plan) throws IOException {
        Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
                plan.charset().newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        return switch (plan.format()) {
            case CSV -> new CsvRecordReader(plan.file(), reader);
            case UNQUOTED_MULTILINE -> new MultilineRecordReader(plan.file(), reader, plan.fields().size());
        };
    }
}
