package org.pgaw.proxy.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pgaw.proxy.config.StandbysConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the primary (for its WAL position) and every standby each {@code backend_standbys.health_interval}, on one
 * thread of its own (blocking JDBC, never on an event loop), and tells the {@link StandbyPool}: DOWN when a standby
 * does not answer or is not in recovery (promoted: it is no standby any more), LAGGING per {@link LagRule}, else UP.
 * One connection per server is kept open between probes and opened again after a failure. A session's trouble
 * with a standby asks for a probe at once.
 */
public final class StandbyHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandbyHealth.class);
    private static final String STANDBY_PROBE = "SELECT pg_is_in_recovery(), pg_last_wal_receive_lsn()::text,"
            + " pg_last_wal_replay_lsn()::text, extract(epoch from now() - pg_last_xact_replay_timestamp())::float8";
    private static final String PRIMARY_PROBE = "SELECT pg_is_in_recovery(), pg_current_wal_lsn()::text";

    private final StandbyPool pool;
    private final StandbysConfig config;
    private final boolean backendTls;
    private final String password;
    private final ScheduledExecutorService thread;
    private final Map<BackendTarget, Connection> connections = new HashMap<>();
    private final AtomicBoolean probeQueued = new AtomicBoolean();

    public StandbyHealth(StandbyPool pool, StandbysConfig config, boolean backendTls) {
        this.pool = pool;
        this.config = config;
        this.backendTls = backendTls;
        this.password = readPassword(config);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pgaw-standby-health");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        long every = config.healthInterval().toMillis();
        thread.scheduleWithFixedDelay(this::probeAll, 0, every, TimeUnit.MILLISECONDS);
        pool.onTrouble(t -> probeSoon());
    }

    /** Probe once more now (coalesced: many sessions losing the same standby ask for one probe). */
    void probeSoon() {
        if (probeQueued.compareAndSet(false, true)) {
            thread.execute(() -> {
                probeQueued.set(false);
                probeAll();
            });
        }
    }

    private void probeAll() {
        try {
            Long primaryLsn = probePrimary();
            for (BackendTarget s : pool.standbys()) probeStandby(s, primaryLsn);
        } catch (RuntimeException e) {
            log.warn("standby health probe failed: {}", e.toString());
        }
    }

    private Long probePrimary() {
        try (Statement st = connection(pool.primary()).createStatement(); ResultSet rs = st.executeQuery(PRIMARY_PROBE)) {
            rs.next();
            return rs.getBoolean(1) ? null : WalPosition.parse(rs.getString(2));
        } catch (SQLException e) {
            drop(pool.primary());
            log.debug("primary probe: {}", e.getMessage());
            return null;
        }
    }

    private void probeStandby(BackendTarget s, Long primaryLsn) {
        try (Statement st = connection(s).createStatement(); ResultSet rs = st.executeQuery(STANDBY_PROBE)) {
            rs.next();
            if (!rs.getBoolean(1)) {
                pool.health(s, BackendTarget.Health.DOWN, "it is not in recovery (promoted?), so no standby");
                return;
            }
            double age = rs.getDouble(4);
            Double replayAge = rs.wasNull() ? null : age;
            String lag = LagRule.lagging(primaryLsn, WalPosition.parse(rs.getString(2)), WalPosition.parse(rs.getString(3)),
                    replayAge, config.maxLag());
            if (lag == null) pool.health(s, BackendTarget.Health.UP, "replaying");
            else pool.health(s, BackendTarget.Health.LAGGING, lag);
        } catch (SQLException e) {
            drop(s);
            pool.health(s, BackendTarget.Health.DOWN, e.getMessage());
        }
    }

    private Connection connection(BackendTarget t) throws SQLException {
        Connection c = connections.get(t);
        if (c != null) return c;
        Properties p = new Properties();
        p.setProperty("user", config.healthUser());
        if (password != null) p.setProperty("password", password);
        p.setProperty("ApplicationName", "pgaw-standby-health");
        p.setProperty("sslmode", backendTls ? "require" : "disable");
        long timeout = Math.max(1, config.healthInterval().toSeconds());
        p.setProperty("connectTimeout", Long.toString(timeout));
        p.setProperty("loginTimeout", Long.toString(timeout));
        p.setProperty("socketTimeout", Long.toString(Math.max(2, timeout * 2)));
        String url = "jdbc:postgresql://" + t.address() + "/" + config.healthDatabase();
        c = DriverManager.getConnection(url, p);
        c.setAutoCommit(true);
        connections.put(t, c);
        return c;
    }

    private void drop(BackendTarget t) {
        Connection c = connections.remove(t);
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken: that is why it is dropped
        }
    }

    private static String readPassword(StandbysConfig config) {
        if (config.healthPasswordFile() == null) return null;
        try {
            return Files.readString(config.healthPasswordFile(), StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read backend_standbys.health_password_file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (BackendTarget t : new java.util.ArrayList<>(connections.keySet())) drop(t);
    }
}
