package org.pgaw.stack.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.support.FreePorts;

/**
 * pgwire-proxy as the stack runs it: its own process from the shaded jar, configured by PGAW_* variables, reading the
 * certificate files the scripts maintain. It runs as an unprivileged user whose only extra right is the certificate
 * group, so the test also proves the file permissions the deploy hook sets are enough.
 */
final class ProxyProcess implements AutoCloseable {
    static final int NOBODY = 65534;

    private final ChildProcess process;
    final int port;

    private ProxyProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static ProxyProcess start(Path repo, Path dir, int backendPort, Path tlsDir, int certsGid) throws Exception {
        Path jar = repo.resolve("pgwire-proxy/target/pgwire-proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run the build through the package phase (./mvnw verify)");
        }
        // The checkout may sit in a folder only root can enter (a mktemp -d clone is 0700): nobody gets its own copy.
        Path own = dir.resolve("pgwire-proxy.jar");
        Files.copy(jar, own, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        own.toFile().setReadable(true, false);
        jar = own;
        int port = FreePorts.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid", String.valueOf(NOBODY),
                "--regid", String.valueOf(NOBODY), "--groups", String.valueOf(certsGid), "--"));
        command.addAll(List.of(java, "-Xmx256m", "-jar", jar.toString()));
        Map<String, String> env = Map.of(
                "PGAW_LISTEN", "127.0.0.1:" + port,
                "PGAW_BACKEND", "127.0.0.1:" + backendPort,
                "PGAW_TLS_CERT_CHAIN", tlsDir.resolve("fullchain.pem").toString(),
                "PGAW_TLS_PRIVATE_KEY", tlsDir.resolve("privkey.pem").toString(),
                "PGAW_TLS_RELOAD_INTERVAL", "1s",
                "HOME", dir.toString());
        ChildProcess process = ChildProcess.start("pgwire-proxy", command, env, dir);
        try {
            process.awaitPort(port, Duration.ofSeconds(60));
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
        return new ProxyProcess(process, port);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        return process.log();
    }

    void awaitLog(String text, Duration timeout) {
        process.awaitLog(text, timeout);
    }

    @Override
    public void close() {
        process.close();
    }
}
