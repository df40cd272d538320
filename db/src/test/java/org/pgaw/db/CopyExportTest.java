package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database image's converter treats a file it cannot convert like the JDBC loader: one empty table, or strict fails. */
class CopyExportTest {
    private Path data;

    /** A folder of symlinks to the bundled files (deleted by hand: JUnit's @TempDir warns about every link). */
    @BeforeEach
    void linkMirror() throws Exception {
        data = Files.createTempDirectory("pgaw-export-data");
        try (Stream<Path> files = Files.list(TestData.mirror())) {
            for (Path p : (Iterable<Path>) files::iterator) Files.createSymbolicLink(data.resolve(p.getFileName()), p);
        }
        Files.delete(data.resolve("ContactType.csv"));
    }

    @AfterEach
    void unlink() throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
        }
        Files.delete(data);
    }

    @Test
    void aFileThatDoesNotParseLeavesItsTableOutOfLoadSqlAndIsReported(@TempDir Path out) throws Exception {
        Files.writeString(data.resolve("ContactType.csv"), "1\tAccounting Manager\t2008-04-30 00:00:00\n2\tonly two\n");
        List<String> progress = new ArrayList<>();
        LoadScript.Finish finish = CopyExport.export(LoadScript.build(LoadPlan.standard(), data, true, false), out, progress::add);

        assertThat(finish.empty()).anySatisfy(m -> {
            assertThat(m.table()).isEqualTo("person.contacttype");
            assertThat(m.file()).isEqualTo("ContactType.csv");
            assertThat(m.reason()).isEqualTo("line 2: record has 2 fields, expected 3");
        }).hasSize(8);
        String sql = Files.readString(out.resolve(CopyExport.SCRIPT));
        assertThat(sql).doesNotContain("\\copy person.contacttype ").contains("\\copy person.addresstype ")
                .contains("INCOMPLETE, 8 of 68").contains("NOT VALID");
        assertThat(out.resolve("data/person.contacttype.copy")).doesNotExist();
        assertThat(progress).anyMatch(l -> l.contains("stays EMPTY: ContactType.csv line 2"));
    }

    @Test
    void strictModeFailsOnIt(@TempDir Path out) throws Exception {
        Files.writeString(data.resolve("ContactType.csv"), "2\tonly two\n");
        for (String f : TestData.MISSING.values()) Files.createFile(data.resolve(f));
        assertThatThrownBy(() -> CopyExport.export(LoadScript.build(LoadPlan.standard(), data, true, true), out, l -> { }))
                .isInstanceOf(LoadException.class).hasMessageContaining("ContactType.csv line 1: record has 2 fields");
    }
}
