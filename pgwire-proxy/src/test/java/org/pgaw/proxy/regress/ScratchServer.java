package org.pgaw.proxy.regress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pgaw.proxy.it.support.Proc;
import org.pgaw.proxy.testing.ScratchDirectory;

/**
 * A throw-away PostgreSQL 15 cluster of its own (not the shared embedded PostgreSQL 17 of the other tests): the
 * regression suite is PostgreSQL 15's, and it creates roles, tablespaces and databases that must not leak into other
 * tests. Clusters are copies of one {@link #initTemplate initdb} so that every run starts from identical state.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs the tests as root: then initdb, pg_ctl and the copy run as the
 * {@code postgres} user (Debian's server package creates it) through {@code runuser}.
 */
final class ScratchServer implements AutoCloseable {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final String SERVER_USER = "postgres";

    private final RegressSuite suite;
    private final Path dataDir;
    private final int port;
    private boolean running;

    private ScratchServer(RegressSuite suite, Path dataDir, int port) {
        this.suite = suite;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * A new scratch folder (deleted at JVM exit) with a {@code work} folder in it that the server user owns: the
     * temporary folder itself is private (0700), so it is opened for traversal only (0711).
     */
    static Path workFolder(String prefix) {
        Path scratch = ScratchDirectory.create(prefix);
        try {
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sharedFolder(scratch, "work");
    }

    /** A folder the server user may write in (the parent of data directories and pg_regress's output). */
    static Path sharedFolder(Path parent, String name) {
        try {
            Path dir = Files.createDirectories(parent.resolve(name));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            if (ROOT) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_USER);
                Files.setOwner(dir, owner);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + parent.resolve(name), e);
        }
    }

    /** initdb into {@code dir}: UTF8 and the C locale, as the regression suite's own temporary instance. */
    static Path initTemplate(RegressSuite suite, Path dir) {
        Path data = dir.resolve("template");
        Proc.Result r = asServerUser(suite.bindir().resolve("initdb").toString(), "-D", data.toString(),
                "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync").run();
        check(r.exit() == 0 && Files.isRegularFile(data.resolve("PG_VERSION")), "initdb failed in " + data + ": " + r.both());
        return data;
    }

    /** A copy of the template cluster, started on a free loopback port. */
    static ScratchServer startCopy(RegressSuite suite, Path template, Path dataDir) {
        Proc.Result copy = asServerUser("cp", "-a", template.toString(), dataDir.toString()).run();
        check(copy.exit() == 0, "could not copy the template cluster: " + copy.both());
        ScratchServer server = new ScratchServer(suite, dataDir, freePort());
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    private void start() {
        String options = String.join(" ", "-p", Integer.toString(port), "-k", dataDir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=60", "-c", "shared_buffers=32MB",
                // the three clusters must stay alike: no statistics or plans changing at a vacuum's own time
                "-c", "autovacuum=off");
        Proc.Result r = asServerUser(suite.bindir().resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "120", "-o", options, "start")
                .timeout(Duration.ofMinutes(3)).run();
        check(r.exit() == 0, "PostgreSQL 15 did not start in " + dataDir + ": " + r.both());
        running = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /**
     * CPU time the cluster has used so far: the postmaster's own and that of its ended children (every backend of
     * the suite has ended when a run is over), from /proc. Zero where /proc cannot tell.
     */
    Duration cpu() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14-17 of proc(5) (utime stime cutime cstime) are 11-14 here, after pid, comm and state
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return Duration.ofMillis(ticks * 10); // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }

    @Override
    public synchronized void close() {
        if (!running) return;
        running = false;
        asServerUser(suite.bindir().resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate",
                "-w", "stop").timeout(Duration.ofMinutes(1)).run();
        // the suite leaves a few hundred MB in each cluster: gone now, not in a JVM exit hook racing surefire
        asServerUser("rm", "-rf", dataDir.toString()).run();
    }

    static Proc asServerUser(String... command) {
        List<String> c = new ArrayList<>();
        if (ROOT) c.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        c.addAll(List.of(command));
        return Proc.of(c).timeout(Duration.ofMinutes(2));
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException(what);
    }
}
