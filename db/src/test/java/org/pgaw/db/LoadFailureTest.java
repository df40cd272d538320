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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A file that cannot be loaded: without --strict its table stays empty and is reported like a missing file; with
 * --strict the load fails, leaves nothing behind and names the file and line. Strict mode refuses an incomplete source.
 */
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

    // In strict mode a file that cannot be loaded fails the whole load and names the file and line. The other
    // files must all be there for strict mode to start: the seven the project does not carry are empty stand-ins.

    @Test
    void strictAValuePostgresRefusesRollsEverythingBackAndNamesFileAndLine() throws Exception {
        Path data = completeWith(BROKEN_ADDRESS_TYPE);
        assertStrictFailsAndLeavesNothing(data, "AddressType.csv line 3", "person.addresstype", "not-a-date");
    }

    @Test
    void strictARecordWithTooFewFieldsNamesFileAndLine() throws Exception {
        Path data = completeWith(BROKEN_CONTACT_TYPE);
        assertStrictFailsAndLeavesNothing(data, "ContactType.csv line 5", "record has 2 fields, expected 3");
    }

    @Test
    void strictBadHexInAPhotoNamesFileAndLine() throws Exception {
        Path data = completeWith(BROKEN_PHOTO);
        assertStrictFailsAndLeavesNothing(data, "ProductPhoto.csv line 2", "column thumbnailphoto: hex value has a non-hex character");
    }

    @Test
    void strictBytesNotValidInTheFileEncodingAreAnErrorNotMojibake() throws Exception {
        Path data = completeWith(BROKEN_CULTURE);
        assertStrictFailsAndLeavesNothing(data, "Culture.csv line", "not valid in the file's encoding");
    }

    /**
     * Without --strict, each of those files leaves only its own table empty, reported like a missing file (file,
     * line, why); everything else loads in the same transaction, and the database says it is INCOMPLETE.
     */
    @Test
    void withoutStrictEachBrokenFileLeavesItsTableEmptyAndTheRestLoads() throws Exception {
        Path data = mirrorWith(List.of(BROKEN_ADDRESS_TYPE, BROKEN_CONTACT_TYPE, BROKEN_PHOTO, BROKEN_CULTURE));
        String db = pg.newDatabase("partly" + (++dbCounter));
        try (Connection c = pg.superuser(db)) {
            List<String> progress = new java.util.ArrayList<>();
            LoadReport report = AdventureWorksLoader.standard().load(c, data,
                    RoleConfig.withPasswords("owner-password-123", "learner-pw-1"), false, progress::add);

            Map<String, String> reasons = new java.util.HashMap<>();
            report.missing().forEach(m -> reasons.put(m.table() + " " + m.file(), m.reason()));
            assertThat(reasons).hasSize(7 + 4);
            assertThat(reasons.get("person.addresstype AddressType.csv")).startsWith("line 3: PostgreSQL refused a value").contains("not-a-date");
            assertThat(reasons.get("person.contacttype ContactType.csv")).isEqualTo("line 5: record has 2 fields, expected 3");
            assertThat(reasons.get("production.productphoto ProductPhoto.csv")).startsWith("line 2: column thumbnailphoto: hex value");
            assertThat(reasons.get("production.culture Culture.csv")).startsWith("line ").contains("not valid in the file's encoding");
            assertThat(report.summary()).contains("INCOMPLETE: 11 tables stay empty",
                    "person.addresstype (AddressType.csv: line 3: PostgreSQL refused a value");
            assertThat(progress).anyMatch(l -> l.startsWith("person.contacttype") && l.contains("stays EMPTY: ContactType.csv line 5"));
            assertThat(LoadStatus.read(c).orElseThrow()).contains("INCOMPLETE, 11 of 68", "person.addresstype (AddressType.csv)");

            Map<String, Long> expected = new java.util.TreeMap<>(TestData.EXPECTED_ROWS);
            for (String t : List.of("person.addresstype", "person.contacttype", "production.productphoto", "production.culture")) {
                assertThat(count(c, t)).as(t).isZero();
                expected.remove(t);
            }
            assertThat(new java.util.TreeMap<>(report.rowsPerTable())).isEqualTo(expected);
            for (Map.Entry<String, Long> e : expected.entrySet()) assertThat(count(c, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(report.unvalidatedForeignKeys()).anyMatch(k -> k.contains("-> person.addresstype, which is empty"));
        }
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

    private void assertStrictFailsAndLeavesNothing(Path data, String... expected) throws Exception {
        String db = pg.newDatabase("broken" + (++dbCounter));
        try (Connection c = pg.superuser(db)) {
            assertThatThrownBy(() -> AdventureWorksLoader.standard().load(c, data,
                    RoleConfig.withPasswords("owner-password-123", "learner-pw-1"), true, l -> { }))
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

    static long count(Connection c, String table) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertNoAdventureWorksLeft(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM pg_namespace WHERE nspname IN ('person','humanresources','production','purchasing','sales')")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    /** One file of the mirror, changed. */
    record Broken(String file, Edit edit) { }

    interface Edit {
        byte[] apply(byte[] original);
    }

    // AddressType.csv has CRLF line endings; break the date on line 3.
    static final Broken BROKEN_ADDRESS_TYPE = new Broken("AddressType.csv", text(s -> replaceLine(s, 3,
            "3\tMain Office\t{B84F78B1-4EFE-4A0E-8CB7-70E9F112F886}\tnot-a-date")));
    static final Broken BROKEN_CONTACT_TYPE = new Broken("ContactType.csv", text(s -> replaceLine(s, 5, "5\tonly two fields")));
    static final Broken BROKEN_PHOTO = new Broken("ProductPhoto.csv", text(s -> {
        String[] lines = s.split("\n", -1);
        lines[1] = lines[1].replaceFirst("\t47494638", "\tZZ494638");
        return String.join("\n", lines);
    }));
    static final Broken BROKEN_CULTURE = new Broken("Culture.csv", bytes -> {
        byte[] b = bytes.clone();
        b[b.length - 5] = (byte) 0xE9; // a Latin-1 'é' inside a UTF-8 file
        return b;
    });

    private static Edit text(java.util.function.UnaryOperator<String> edit) {
        return b -> edit.apply(new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of the mirror (symlinks) in which the given files are replaced by edited copies. */
    private Path mirrorWith(List<Broken> broken) throws IOException {
        Path data = Files.createTempDirectory("pgaw-broken-data");
        tempDirs.add(data);
        Map<String, Broken> byFile = new java.util.HashMap<>();
        broken.forEach(b -> byFile.put(b.file(), b));
        try (Stream<Path> files = Files.list(TestData.mirror())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Broken b = byFile.get(p.getFileName().toString());
                if (b == null) Files.createSymbolicLink(data.resolve(p.getFileName()), p);
                else Files.write(data.resolve(p.getFileName()), b.edit().apply(Files.readAllBytes(p)));
            }
        }
        return data;
    }

    /** The mirror with one file broken and the seven files it lacks as empty stand-ins, so strict mode starts. */
    private Path completeWith(Broken broken) throws IOException {
        Path data = mirrorWith(List.of(broken));
        for (String f : TestData.MISSING.values()) Files.createFile(data.resolve(f));
        return data;
    }

    private static String replaceLine(String text, int lineNo, String replacement) {
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new java.util.ArrayList<>(List.of(text.split(eol, -1)));
        lines.set(lineNo - 1, replacement);
        return String.join(eol, lines);
    }
}
