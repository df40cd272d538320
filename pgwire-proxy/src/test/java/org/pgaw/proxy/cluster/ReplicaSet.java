package org.pgaw.proxy.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pgaw.proxy.it.support.Proc;

/**
 * A PostgreSQL primary with streaming standbys made by {@code pg_basebackup -R}, from Debian's server binaries
 * (as the {@code postgres} OS user when run as root: PostgreSQL refuses root). Trust authentication on loopback;
 * fsync off. Everything lives in one temporary folder, removed by {@link #close()}.
 */
final class ReplicaSet implements AutoCloseable {
    static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));

    private final Path root;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    private ReplicaSet(Path root) {
        this.root = root;
    }

    static boolean available() {
        return Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("pg_basebackup"));
    }

    /** Starts a primary with {@code standbys} standbys; {@code setupSql} runs on the primary before the copies. */
    static ReplicaSet start(int standbys, String setupSql) throws IOException {
        Path root = Files.createTempDirectory("pgaw-replicas");
        sh("chmod", "755", root.toString());
        ReplicaSet set = new ReplicaSet(root);
        try {
            Path primary = set.newDir("primary");
            asPostgres(BIN + "/initdb", "-D", primary.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
            Files.writeString(primary.resolve("postgresql.conf"), """
                    listen_addresses = '127.0.0.1'
                    unix_socket_directories = ''
                    fsync = off
                    synchronous_commit = off
                    full_page_writes = off
                    shared_buffers = 16MB
                    max_connections = 60
                    wal_level = replica
                    max_wal_senders = 10
                    hot_standby = on
                    wal_receiver_status_interval = 1s
                    """, java.nio.file.StandardOpenOption.APPEND);
            set.startServer(primary);
            set.psql(0, "postgres", setupSql);
            for (int i = 1; i <= standbys; i++) {
                Path s = set.newDir("standby" + i);
                asPostgres(BIN + "/pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(set.port(0)), "-U", "postgres",
                        "-D", s.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync");
                set.startServer(s);
            }
            return set;
        } catch (IOException | RuntimeException | Error e) {
            set.close();
            throw e;
        }
    }

    int port(int i) { return ports.get(i); }

    int primaryPort() { return ports.get(0); }

    int standbyPort(int n) { return ports.get(n); }

    /** Runs SQL with psql as postgres on server {@code i} (0 = the primary). */
    String psql(int i, String database, String sql) {
        Proc.Result r = Proc.of("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                Integer.toString(ports.get(i)), "-U", "postgres", "-d", database, "-c", sql).timeout(Duration.ofSeconds(60)).run();
        if (r.exit() != 0) throw new AssertionError("psql failed: " + r.both());
        return r.stdout().trim();
    }

    /** Stops server {@code i} the way an operator does (fast: sessions get FATAL 57P01, then it exits). */
    void stop(int i) {
        asPostgres(BIN + "/pg_ctl", "-D", dirs.get(i).toString(), "-m", "fast", "-w", "-t", "30", "stop");
    }

    String log(int i) {
        try {
            return Files.readString(dirs.get(i).resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private Path newDir(String name) throws IOException {
        Path d = Files.createDirectory(root.resolve(name));
        sh("chmod", "700", d.toString());
        if (isRoot()) sh("chown", "postgres:postgres", d.toString());
        return d;
    }

    private void startServer(Path dir) throws IOException {
        int port = freePort();
        asPostgres(BIN + "/pg_ctl", "-D", dir.toString(), "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port, "-w", "-t", "60", "start");
        ports.add(port);
        dirs.add(dir);
    }

    @Override
    public void close() {
        for (Path d : dirs) {
            try {
                Proc.of(wrap(BIN + "/pg_ctl", "-D", d.toString(), "-m", "immediate", "-w", "-t", "20", "stop"))
                        .timeout(Duration.ofSeconds(30)).run();
            } catch (AssertionError | RuntimeException ignored) {
                // already stopped
            }
        }
        Proc.of("rm", "-rf", root.toString()).timeout(Duration.ofSeconds(30)).run();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> wrap(String... cmd) {
        List<String> c = new ArrayList<>();
        if (isRoot()) c.addAll(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(List.of(cmd));
        return c;
    }

    private static void asPostgres(String... cmd) {
        Proc.Result r = Proc.of(wrap(cmd)).timeout(Duration.ofSeconds(90)).run();
        if (r.exit() != 0) throw new AssertionError(String.join(" ", cmd) + " failed: " + r.both());
    }

    private static void sh(String... cmd) {
        Proc.Result r = Proc.of(cmd).timeout(Duration.ofSeconds(30)).run();
        if (r.exit() != 0) throw new AssertionError(String.join(" ", cmd) + " failed: " + r.both());
    }
}
