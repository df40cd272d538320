package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Loads the offline mirror into a real PostgreSQL once, then checks what a learner will rely on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdventureWorksLoadTest {
    private static final String OWNER_PW = "owner-password-123";
    private static final String LEARNER_PW = "learner-pw-1";
    private EmbeddedPg pg;
    private LoadReport report;

    @BeforeAll
    void load() throws Exception {
        pg = new EmbeddedPg();
        pg.newDatabase("adventureworks");
        try (Connection c = pg.superuser("adventureworks")) {
            report = AdventureWorksLoader.standard().load(c, TestData.mirror(),
                    RoleConfig.withPasswords(OWNER_PW, LEARNER_PW), false, line -> { });
        }
        System.out.println("[measured] " + report.summary().replace("\n", "\n[measured] "));
    }

    @AfterAll
    void stop() throws Exception {
        if (pg != null) pg.close();
    }

    @Test
    void everyPresentTableHasTheUpstreamRowCount() throws Exception {
        assertThat(new HashMap<>(report.rowsPerTable())).isEqualTo(TestData.EXPECTED_ROWS);
        assertThat(report.totalRows()).isEqualTo(244_068L);
        try (Connection c = pg.superuser("adventureworks"); Statement st = c.createStatement()) {
            for (Map.Entry<String, Long> e : TestData.EXPECTED_ROWS.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + e.getKey())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_schema IN ('person','humanresources','production','purchasing','sales')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(68);
            }
        }
    }

    @Test
    void theSevenMissingFilesAreReportedAndTheDatabaseIsNotCalledComplete() throws Exception {
        Map<String, String> missing = report.missing().stream().collect(Collectors.toMap(MissingTable::table, MissingTable::file));
        assertThat(missing).isEqualTo(TestData.MISSING);
        assertThat(report.complete()).isFalse();
        assertThat(report.summary()).contains("INCOMPLETE", "person.person (Person.csv: file not found");
        try (Connection c = pg.superuser("adventureworks")) {
            String status = LoadStatus.read(c).orElseThrow();
            assertThat(status).contains("INCOMPLETE", "7 of 68", "sales.salesorderheader (SalesOrderHeader.csv)");
            assertThat(LoadStatus.isComplete(status)).isFalse();
            for (String table : TestData.MISSING.keySet()) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table).isZero();
                }
            }
        }
    }

    @Test
    void allConstraintsExistAndOnlyForeignKeysIntoEmptyTablesAreUnvalidated() throws Exception {
        try (Connection c = pg.superuser("adventureworks"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.contype, c.convalidated, c.conname, c.confrelid::regclass::text"
                     + " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                     + " WHERE n.nspname IN ('person','humanresources','production','purchasing','sales')"
                     + " AND c.contype IN ('p','f','u')")) {
            Map<String, Integer> kinds = new HashMap<>();
            List<String> unvalidated = new ArrayList<>();
            while (rs.next()) {
                kinds.merge(rs.getString(1), 1, Integer::sum);
                if (!rs.getBoolean(2)) {
                    unvalidated.add(rs.getString(3));
                    assertThat(TestData.MISSING).as("an unvalidated FK must point at an empty table").containsKey(rs.getString(4));
                }
            }
            assertThat(kinds).isEqualTo(Map.of("p", 68, "f", 90, "u", 1));
            assertThat(unvalidated).hasSize(report.unvalidatedForeignKeys().size()).isNotEmpty();
        }
        // Validated constraints were checked by PostgreSQL on every loaded row; check the NOT VALID ones too,
        // by asking whether any loaded row would violate them if the missing table were there: none can hold yet,
        // so the rule is simply that they are reported.
        assertThat(report.unvalidatedForeignKeys()).allMatch(s -> s.contains("which is empty"));
    }

    @Test
    void latin1AddressAndUtf8ResumesReadBackRight() throws Exception {
        try (Connection c = pg.superuser("adventureworks"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT addressline1, city FROM person.address WHERE addressid IN (552, 687) ORDER BY addressid")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("25730, boul. St-Régis");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("21801, rue Léo Delibes");
            }
            try (ResultSet rs = st.executeQuery("SELECT jobcandidateid, resume::text FROM humanresources.jobcandidate"
                    + " WHERE jobcandidateid IN (5, 8, 11) ORDER BY 1")) {
                rs.next();
                assertThat(rs.getString(2)).contains("13 années d'expérience").doesNotContain("Ã©");
                rs.next();
                assertThat(rs.getString(2)).contains("熟悉所有销售环节");
                rs.next();
                assertThat(rs.getString(2)).contains("สุทัศน");
            }
        }
    }

    @Test
    void photosAndDocumentsAreRealBytea() throws Exception {
        try (Connection c = pg.superuser("adventureworks"); Statement st = c.createStatement()) {
            int photos = 0;
            try (ResultSet rs = st.executeQuery("SELECT productphotoid, thumbnailphoto, largephoto FROM production.productphoto")) {
                while (rs.next()) {
                    for (int col = 2; col <= 3; col++) {
                        byte[] gif = rs.getBytes(col);
                        assertThat(gif).as("photo " + rs.getInt(1)).isNotNull();
                        assertThat(new String(gif, 0, 6, StandardCharsets.US_ASCII)).as("GIF header").isIn("GIF89a", "GIF87a");
                    }
                    photos++;
                }
            }
            assertThat(photos).isEqualTo(101);
            try (ResultSet rs = st.executeQuery("SELECT pg_typeof(document)::text, count(document), min(length(document))"
                    + " FROM production.document GROUP BY 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("bytea");
                assertThat(rs.getInt(2)).isPositive();
                assertThat(rs.getInt(3)).isPositive();
            }
            // Word documents are OLE compound files: D0 CF 11 E0.
            try (ResultSet rs = st.executeQuery("SELECT substring(document from 1 for 4) FROM production.document WHERE document IS NOT NULL LIMIT 1")) {
                rs.next();
                assertThat(rs.getBytes(1)).containsExactly(0xD0, 0xCF, 0x11, 0xE0);
            }
        }
    }

    @Test
    void hierarchyPathsAreConsistent() throws Exception {
        try (Connection c = pg.superuser("adventureworks"); Statement st = c.createStatement()) {
            Set<String> nodes = new HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT organizationnode, jobtitle FROM humanresources.employee")) {
                while (rs.next()) {
                    nodes.add(rs.getString(1));
                    if (rs.getString(2).equals("Chief Executive Officer")) assertThat(rs.getString(1)).isEqualTo("/");
                }
            }
            assertThat(nodes).hasSize(290).contains("/", "/1/", "/1/1/");
            for (String n : nodes) {
                if (n.equals("/")) continue;
                String parent = n.substring(0, n.lastIndexOf('/', n.length() - 2) + 1);
                assertThat(nodes).as("parent of " + n).contains(parent);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM production.productdocument pd"
                    + " JOIN production.document d ON d.documentnode = pd.documentnode")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(32);
            }
        }
    }

    @Test
    void learnerMayReadButNotWriteOrCreate() throws Exception {
        try (Connection c = pg.connect("adventureworks", "learner"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sales.vstorewithaddresses")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
            try (ResultSet rs = st.executeQuery("SELECT current_setting('statement_timeout'),"
                    + " current_setting('idle_in_transaction_session_timeout'), current_setting('temp_file_limit')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1min");
                assertThat(rs.getString(2)).isEqualTo("10min");
                assertThat(rs.getString(3)).isEqualTo("1GB");
            }
            st.execute("SET default_transaction_read_only = off"); // the role setting is only the second line
            assertSqlState(st, "INSERT INTO sales.salesreason (name, reasontype) VALUES ('x', 'y')", "42501");
            assertSqlState(st, "CREATE TABLE public.mine (i int)", "42501");
            assertSqlState(st, "CREATE TABLE sales.mine (i int)", "42501");
            assertSqlState(st, "CREATE TEMP TABLE mine (i int)", "42501");
            assertSqlState(st, "SELECT * FROM pg_catalog.pg_authid", "42501");
        }
        try (Connection c = pg.superuser("adventureworks"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rolconnlimit, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'learner'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(80);
            assertThat(rs.getBoolean(2) || rs.getBoolean(3) || rs.getBoolean(4)).isFalse();
        }
    }

    @Test
    void ownerInsertWithoutIdGetsTheNextSequenceValueForEverySerialColumn() throws Exception {
        try (Connection c = pg.connect("adventureworks", "aw_owner")) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("INSERT INTO sales.salesreason (name, reasontype) VALUES ('Learner', 'Test')"
                        + " RETURNING salesreasonid")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(11);
                }
                try (ResultSet rs = st.executeQuery("INSERT INTO person.address (addressline1, city, stateprovinceid, postalcode)"
                        + " VALUES ('1 Main St', 'Town', 79, '12345') RETURNING addressid, (SELECT max(addressid) FROM person.address)")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isGreaterThan(32521);
                }
            }
            c.rollback();
        }
        // Every SERIAL sequence stands past the highest loaded id.
        try (Connection c = pg.superuser("adventureworks"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname || '.' || t.relname, a.attname,"
                     + " pg_get_serial_sequence(n.nspname || '.' || t.relname, a.attname)"
                     + " FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                     + " WHERE t.relkind = 'r' AND n.nspname IN ('person','humanresources','production','purchasing','sales')"
                     + " AND pg_get_serial_sequence(n.nspname || '.' || t.relname, a.attname) IS NOT NULL")) {
            int serials = 0;
            while (rs.next()) {
                serials++;
                try (Connection c2 = pg.superuser("adventureworks"); PreparedStatement ps = c2.prepareStatement(
                        "SELECT (SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM " + rs.getString(3) + "),"
                                + " (SELECT coalesce(max(" + rs.getString(2) + "), 0) FROM " + rs.getString(1) + ")");
                     ResultSet r2 = ps.executeQuery()) {
                    r2.next();
                    assertThat(r2.getLong(1)).as(rs.getString(1) + "." + rs.getString(2)).isGreaterThan(r2.getLong(2));
                }
            }
            assertThat(serials).isEqualTo(36);
        }
    }

    @Test
    void aPracticeQueryAcrossThreeSchemasReturnsRows() throws Exception {
        try (Connection c = pg.connect("adventureworks", "learner"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(DemoQueries.THREE_SCHEMA_JOIN)) {
            int n = 0;
            while (rs.next()) n++;
            assertThat(n).isEqualTo(17);
        }
    }

    @Test
    void loadingTwiceIsRefusedWithAClearMessage() throws Exception {
        try (Connection c = pg.superuser("adventureworks")) {
            assertThatThrownBy(() -> AdventureWorksLoader.standard().load(c, TestData.mirror(), null, false, l -> { }))
                    .isInstanceOf(LoadException.class).hasMessageContaining("already has AdventureWorks schemas");
        }
    }

    private static void assertSqlState(Statement st, String sql, String state) {
        assertThatThrownBy(() -> st.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(state));
    }
}
