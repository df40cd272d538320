package org.pgaw.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgaw.db.AdventureWorksLoader;
import org.pgaw.db.BundledData;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.testing.TestPostgres;

/**
 * The same practice queries on the real AdventureWorks data, direct and through the guarded proxy, in both query
 * protocols: under the limits the results must be identical, and the only difference allowed above them is the one
 * the row cap declares (the first max_rows rows, and its notice).
 */
class DifferentialTest {
    private static ProxyServer proxy;

    @BeforeAll
    static void loadAdventureWorks() throws Exception {
        TestPostgres.exec("DROP DATABASE IF EXISTS aw_diff");
        TestPostgres.exec("CREATE DATABASE aw_diff");
        // The files the project carries, extracted into this module's target/ (nothing outside the checkout).
        Path data = BundledData.extractTo(Path.of("target", "adventureworks-data").toAbsolutePath());
        try (Connection c = direct("simple")) {
            AdventureWorksLoader.standard().load(c, data, null, false, line -> { });
        }
        proxy = ProxyServer.start(ProxyConfig.defaults().withAdmin(null).withTls(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address())
                .withGuard(GuardConfig.defaults()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) proxy.close();
    }

    static List<Arguments> queries() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = DifferentialTest.class.getResourceAsStream("/session/practice-queries.sql")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("--")) continue;
                out.add(Arguments.of("simple", line));
                out.add(Arguments.of("extended", line));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("queries")
    void underTheLimitsTheProxyChangesNothing(String mode, String sql) throws Exception {
        List<String> expected;
        try (Connection d = direct(mode); Statement s = d.createStatement()) {
            expected = rows(s.executeQuery(sql));
        }
        try (Connection p = proxied(mode); Statement s = p.createStatement()) {
            assertThat(rows(s.executeQuery(sql))).isEqualTo(expected);
            assertThat((Object) s.getWarnings()).as("no guard notice under the limits").isNull();
        }
        assertThat(expected).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"simple", "extended"})
    void aboveTheRowCapOnlyTheDeclaredDifference(String mode) throws Exception {
        String sql = "SELECT addressid, city FROM person.address ORDER BY addressid";
        List<String> all;
        try (Connection d = direct(mode); Statement s = d.createStatement()) {
            all = rows(s.executeQuery(sql));
        }
        try (Connection p = proxied(mode); Statement s = p.createStatement()) {
            assertThat(rows(s.executeQuery(sql))).isEqualTo(all.subList(0, 1000));
            SQLWarning w = s.getWarnings();
            assertThat(w == null ? null : w.getMessage()).contains("pgaw: showing the first 1000 rows");
        }
    }

    private static Connection direct(String mode) throws SQLException {
        return connect(TestPostgres.address().port(), mode);
    }

    private static Connection proxied(String mode) throws SQLException {
        return connect(proxy.address().getPort(), mode);
    }

    private static Connection connect(int port, String mode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("sslmode", "disable");
        p.setProperty("preferQueryMode", mode);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/aw_diff", p);
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) row.append(rs.getString(i)).append('\u001f');
            out.add(row.toString());
        }
        return out;
    }
}
