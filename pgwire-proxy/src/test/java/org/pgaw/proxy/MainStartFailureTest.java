package org.pgaw.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees when the proxy cannot start (issue 12, "the first five minutes"): the last line on stderr names
 * the value that did not work, where it came from (the flag, the variable or the file's key) and what to do; exit
 * code 2 when the value itself cannot work, 1 when the machine is in the way; never a stack trace or a class name.
 */
class MainStartFailureTest {
    @TempDir
    Path dir;

    /** The real command in its own JVM, as a person starts it. */
    @Test
    void aTakenPortNamesTheAddressTheFlagAndAnotherPort() throws Exception {
        try (ServerSocket taken = takenLoopbackPort()) {
            int port = taken.getLocalPort();
            Ended e = runJvm(Map.of(), "--listen", "127.0.0.1:" + port, "--admin-listen", "off");
            assertThat(e.code).isEqualTo(Main.EXIT_FAILED);
            assertEndsWithOnePlainLine(e.err, "pgwire-proxy: cannot listen on 127.0.0.1:" + port + " (option --listen): another"
                    + " program already uses port " + port + " (another pgwire-proxy, PgBouncer or PostgreSQL?). Stop that"
                    + " program or choose another port, e.g. --listen 127.0.0.1:" + (port + 1) + ".");
        }
    }

    @Test
    void anUnknownBackendHostNamesTheHostAndTheVariable() throws Exception {
        Ended e = runJvm(Map.of("PGAW_BACKEND", "no-such-db.invalid:5432"), "--listen", "127.0.0.1:0", "--admin-listen", "off");
        assertThat(e.code).isEqualTo(Main.EXIT_USAGE);
        assertEndsWithOnePlainLine(e.err, "pgwire-proxy: cannot find PostgreSQL at no-such-db.invalid:5432 (environment variable"
                + " PGAW_BACKEND): the host name 'no-such-db.invalid' is not known here. Check the name for a typo, or give"
                + " PostgreSQL's IP address.");
    }

    @Test
    void aTakenAdminPortFromTheFileNamesTheFileKey() throws Exception {
        try (ServerSocket taken = takenLoopbackPort()) {
            int port = taken.getLocalPort();
            Path yaml = Files.writeString(dir.resolve("proxy.yaml"), "admin:\n  listen: 127.0.0.1:" + port + "\n");
            MainTest.Run r = MainTest.run("--config", yaml.toString(), "--listen", "127.0.0.1:0");
            assertThat(r.code()).isEqualTo(Main.EXIT_FAILED);
            assertEndsWithOnePlainLine(r.err(), "pgwire-proxy: cannot listen on 127.0.0.1:" + port + " (config file " + yaml
                    + ", key admin.listen): another program already uses port " + port
                    + " (another pgwire-proxy, PgBouncer or PostgreSQL?). Stop that program or choose another port, e.g."
                    + " 'admin.listen: 127.0.0.1:" + (port + 1) + "' in " + yaml + ".");
        }
    }

    @Test
    void anAddressOfAnotherMachineIsBadInput() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine.
        MainTest.Run r = MainTest.run("--listen", "192.0.2.7:6432", "--admin-listen", "off");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertEndsWithOnePlainLine(r.err(), "pgwire-proxy: cannot listen on 192.0.2.7:6432 (option --listen): 192.0.2.7 is not"
                + " an address of this machine. Use one of its addresses: 127.0.0.1 for this machine only, 0.0.0.0 for every"
                + " network, e.g. --listen 0.0.0.0:6432.");
    }

    @Test
    void anUnknownListenHostIsBadInput() {
        MainTest.Run r = MainTest.run(Map.of("PGAW_LISTEN", "no-such-host.invalid:6432"), "--admin-listen", "off");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertEndsWithOnePlainLine(r.err(), "pgwire-proxy: cannot listen on no-such-host.invalid:6432 (environment variable"
                + " PGAW_LISTEN): the host name 'no-such-host.invalid' is not known here. Use an address of this machine:"
                + " 127.0.0.1 for this machine only, 0.0.0.0 for every network, e.g. PGAW_LISTEN=0.0.0.0:6432.");
    }

    @Test
    void aCertificateFileThatIsNoCertificateNamesTheFileAndTheFlags() throws IOException {
        Path notPem = Files.writeString(dir.resolve("fullchain.pem"), "hello\n");
        MainTest.Run r = MainTest.run("--listen", "127.0.0.1:0", "--admin-listen", "off",
                "--tls-cert-chain", notPem.toString(), "--tls-private-key", notPem.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertEndsWithOnePlainLine(r.err(), "pgwire-proxy: cannot use the TLS certificate (option --tls-cert-chain and option"
                + " --tls-private-key): certificate file " + notPem);
        assertThat(lastLine(r.err())).endsWith(". Fix the file or name another one.");
    }

    private static void assertEndsWithOnePlainLine(String err, String expectedStart) {
        assertThat(lastLine(err)).as("last line of: %s", err).startsWith(expectedStart);
        assertThat(err).doesNotContain("\tat ", "Exception", "internal error");
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static ServerSocket takenLoopbackPort() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    private record Ended(int code, String err) { }

    private Ended runJvm(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("PGAW_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the proxy gave up instead of running").isTrue();
        } finally {
            p.destroyForcibly();
        }
        return new Ended(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
