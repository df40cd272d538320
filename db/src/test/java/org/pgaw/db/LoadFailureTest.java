package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A failed load leaves nothing behind and names the file and line; strict mode refuses an incomplete source. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadFailureTest {
    private EmbeddedPg pg;
    private int dbCounter;
    private final List<Path> tempDirs = new java.util.ArrayList<>();

    /** Deletes the symlinks themselves (never their targets) and the edited copies. */
    @AfterEach
    void cleanUp() throws IOException {
        for (Path d : tempDirs) {
            try (Stream<Path> files = Files.list(d)) {
                for (Path p : (Iterable<Path>) files::iterator) Files.delete(p);
            }
            Files.delete(d);
        }
        tempDirs.clear();
    }

    @BeforeAll
    void start() {
        pg = new EmbeddedPg();
    }

    @AfterAll
    void stop() throws Exception {
        pg.close();
    }

    @Test
    void aValuePostgresRefusesRollsEverythingBackAndNamesFileAndLine() throws Exception {
        // AddressType.csv has CRLF line endings; break the date on line 3.
        Path data = mirrorWith("AddressType.csv", s -> replaceLine(s, 3, "3\tMain Office\t{B84F78B1-4EFE-4A0E-8CB7-70E9F112F886}\tnot-a-date"));
        assertFailsAndLeavesNothing(data, "AddressType.csv line 3", "person.addresstype");
    }

    @Test
    void aRecordWithTooFewFieldsNamesFileAndLine() throws Exception {
        Path data = mirrorWith("ContactType.csv", s -> replaceLine(s, 5, "5\tonly two fields"));
        assertFailsAndLeavesNothing(data, "ContactType.csv line 5", "record has 2 fields, expected 3");
    }

    @Test
    void badHexInAPhotoNamesFileAndLine() throws Exception {
        Path data = mirrorWith("ProductPhoto.csv", s -> {
            String[] lines = s.split("\n", -1);
            lines[1] = lines[1].replaceFirst("\t47494638", "\tZZ494638");
            return String.join("\n", lines);
        });
        assertFailsAndLeavesNothing(data, "ProductPhoto.csv line 2", "column thumbnailphoto: hex value has a non-hex character");
    }

    @Test
    void bytesNotValidInTheFileEncodingAreAnErrorNotMojibake() throws Exception {
        Path data = mirrorWith("Culture.csv", s -> s);
        byte[] bytes = Files.readAllBytes(data.resolve("Culture.csv"));
        bytes[bytes.length - 5] = (byte) 0xE9; // a Latin-1 'é' inside a UTF-8 file
        Files.write(data.resolve("Culture.csv"), bytes);
        assertFailsAndLeavesNothing(data, "Culture.csv line", "not valid in the file's encoding");
    }

    @Test
    void strictModeRefusesTheMirrorAndNamesTheMissingFiles() throws Exception {
        String db = pg.newDatabase("strict" + (++dbCounter));
        try (Connection c = pg.superuser(db)) {
            assertThatThrownBy(() -> AdventureWorksLoader.standard().load(c, TestData.mirror(), null, true, l -> { }))
                    .isInstanceOf(LoadException.class)
                    .hasMessageContaining("Strict mode: 7 upstream file(s) missing")
                    .hasMessageContaining("Person.csv").hasMessageContaining("WorkOrderRouting.csv");
            assertNoAdventureWorksLeft(c);
        }
    }

    @Test
    void anUnreadableOrAbsentDataDirectoryIsAClearError() throws Exception {
        String db = pg.newDatabase("nodir" + (++dbCounter));
        try (Connection c = pg.superuser(db)) {
            assertThatThrownBy(() -> AdventureWorksLoader.standard().load(c, Path.of("/nonexistent/pgaw-data"), null, false, l -> { }))
                    .isInstanceOf(LoadException.class).hasMessageContaining("does not exist or is not a directory");
        }
    }

    private void assertFailsAndLeavesNothing(Path data, String... expected) throws Exception {
        String db = pg.newDatabase("broken" + (++dbCounter));
        try (Connection c = pg.superuser(db)) {
            assertThatThrownBy(() -> AdventureWorksLoader.standard().load(c, data,
                    RoleConfig.withPasswords("owner-password-123", "learner-pw-1"), false, l -> { }))
                    .isInstanceOf(LoadException.class)
                    .hasMessageContaining("rolled back")
                    .satisfies(e -> {
                        for (String s : expected) assertThat(e.getMessage()).contains(s);
                    });
            assertNoAdventureWorksLeft(c);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM pg_roles WHERE rolname IN ('learner', 'aw_owner')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("roles created in the failed transaction are gone too").isZero();
            }
        }
    }

    private static void assertNoAdventureWorksLeft(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM pg_namespace WHERE nspname IN ('person','humanresources','production','purchasing','sales')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    interface Edit {
        String apply(String text);
    }

    /** A copy of the mirror (symlinks) in which one file is replaced by an edited copy. */
    private Path mirrorWith(String file, Edit edit) throws IOException {
        Path data = Files.createTempDirectory("pgaw-broken-data");
        tempDirs.add(data);
        try (Stream<Path> files = Files.list(TestData.mirror())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.getFileName().toString().equals(file)) Files.createSymbolicLink(data.resolve(p.getFileName()), p);
            }
        }
        String text = Files.readString(TestData.mirror().resolve(file), StandardCharsets.UTF_8);
        Files.writeString(data.resolve(file), edit.apply(text), StandardCharsets.UTF_8);
        return data;
    }

    private static String replaceLine(String text, int lineNo, String replacement) {
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new java.util.ArrayList<>(List.of(text.split(eol, -1)));
        lines.set(lineNo - 1, replacement);
        return String.join(eol, lines);
    }
}
