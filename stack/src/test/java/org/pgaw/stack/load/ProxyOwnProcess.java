package org.pgaw.stack.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pgaw.stack.e2e.StackTopology;
import org.pgaw.stack.e2e.Tools;
import org.pgaw.stack.support.ChildProcess;
import org.pgaw.stack.support.FreePorts;

/**
 * pgwire-proxy as compose.yaml runs it, as its own process from the shaded jar, so its memory and CPU are its own
 * (in the test's JVM they would be mixed with the simulated browsers'). The settings are compose.yaml's: TLS
 * required (a self-signed certificate here), the admin endpoint for /metrics, 200 connections per address (every
 * pgAdmin session arrives from the replicas), the owner role exempt; the guard limits are the proxy's defaults
 * (the statement timeout may be shortened for a short run).
 * The heap is compose's: half of the container's 768 MiB.
 */
final class ProxyOwnProcess implements StackTopology.StartedProxy {
    private final ChildProcess process;
    private final int port;
    private final int adminPort;

    private ProxyOwnProcess(ChildProcess process, int port, int adminPort) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
    }

    static ProxyOwnProcess start(int backendPort, Path work, java.time.Duration statementTimeout) {
        Path jar = Tools.repo().resolve("pgwire-proxy/target/pgwire-proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (stack/load/run.sh does: "
                    + "./mvnw -pl pgwire-proxy -am package -DskipTests)");
        }
        int port = FreePorts.next();
        int adminPort = FreePorts.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = Map.of(
                "PGAW_LISTEN", "127.0.0.1:" + port,
                "PGAW_BACKEND", "127.0.0.1:" + backendPort,
                "PGAW_TLS_REQUIRE", "true",
                "PGAW_ADMIN_LISTEN", "127.0.0.1:" + adminPort,
                "PGAW_LIMITS_MAX_CONNECTIONS_PER_IP", "200",
                "PGAW_GUARD_EXEMPT_ROLES", "aw_owner",
                "PGAW_GUARD_LIMITS_STATEMENT_TIMEOUT", statementTimeout.toSeconds() + "s",
                "HOME", work.toString());
        ChildProcess p = ChildProcess.start("pgwire-proxy", List.of(java, "-Xmx384m", "-XX:MaxDirectMemorySize=256m",
                "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()), env, work);
        try {
            p.awaitPort(port, Duration.ofSeconds(60));
            p.awaitPort(adminPort, Duration.ofSeconds(30));
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
        return new ProxyOwnProcess(p, port, adminPort);
    }

    @Override
    public int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    long pid() {
        return process.pid();
    }

    String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }
}
