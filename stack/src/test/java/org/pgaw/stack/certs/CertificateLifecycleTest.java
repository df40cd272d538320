package org.pgaw.stack.certs;

import org.pgaw.stack.support.Program;
import org.pgaw.stack.support.NeedsPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.pgaw.stack.support.Command;
import org.pgaw.stack.support.Poll;

/**
 * The certificate lifecycle end to end with the real programs: Pebble (Let's Encrypt's ACME test server), certbot,
 * nginx with the repository's snippets, and pgwire-proxy as its own process in front of PostgreSQL, all driven by the
 * repository's stack/certs scripts. The steps build on each other, as on a real server: first start, renewal, a broken
 * renewal.
 */
@NeedsPrograms({Program.ROOT, Program.NGINX, Program.CERTBOT, Program.PEBBLE, Program.PEBBLE_CHALLTESTSRV,
        Program.OPENSSL, Program.PSQL, Program.UNSHARE_SETPRIV})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateLifecycleTest {
    private static final String DOMAIN = "pgaw.test";
    private static final int CERTS_GID = 7443;
    private static final Duration PICKUP = Duration.ofSeconds(20);

    private final Path repo = Path.of(System.getProperty("pgaw.repo.dir", "..")).toAbsolutePath().normalize();
    private Path dir;
    private EmbeddedPostgres postgres;
    private PebbleAcme acme;
    private CertScripts scripts;
    private TestNginx nginx;
    private ProxyProcess proxy;
    private Path pebbleRoot;
    private PsqlSession heldOpen;
    private long nginxPid;
    private long proxyPid;
    private int nginxHttpPort;
    private boolean firstStartDone;

    @BeforeAll
    void startAcmeAndDatabase() throws Exception {
        // Root, as in CI: nginx gets a private mount namespace, the proxy is started as nobody with the certs group.
        assertThat(Command.run(List.of("id", "-u"), Map.of(), Path.of("."), Duration.ofSeconds(5)).output().trim())
                .as("this test runs as root (unshare --mount, setpriv, chgrp)").isEqualTo("0");
        dir = Files.createTempDirectory("pgaw-certs-");
        // nginx workers and the proxy run unprivileged and must reach files below this directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        postgres = EmbeddedPostgres.builder().start();
        int httpPort = TestNginx.choosePort();
        acme = PebbleAcme.start(dir.resolve("pebble"), httpPort);
        scripts = new CertScripts(repo, dir, DOMAIN, CERTS_GID);
        scripts.useAcme(acme);
        Files.createDirectories(dir.resolve("nginx"));
        nginxHttpPort = httpPort;
    }

    @Test
    @Order(1)
    void firstStartGetsACertificateWithoutHandSteps() throws Exception {
        // What the stack's one-shot certs-init service does before nginx and the proxy start.
        scripts.run("self-signed.sh").assertSuccess("self-signed.sh");
        BigInteger placeholder = ServedCertificate.ofFile(scripts.tlsDir.resolve("fullchain.pem"));
        assertKeyReadableByCertsGroupOnly();

        Files.createDirectories(scripts.webroot);
        nginx = TestNginx.start(repo, dir.resolve("nginx"), DOMAIN, nginxHttpPort, scripts.webroot, scripts.tlsDir);
        proxy = ProxyProcess.start(repo, Files.createDirectories(dir.resolve("proxy")), postgres.getPort(),
                scripts.tlsDir, CERTS_GID);
        nginxPid = nginx.pid();
        proxyPid = proxy.pid();
        assertThat(ServedCertificate.https(dir, nginx.httpsPort, DOMAIN)).isEqualTo(placeholder);
        assertThat(ServedCertificate.postgres(dir, proxy.port, DOMAIN)).isEqualTo(placeholder);
        // verify-full means something: Pebble's root does not vouch for the placeholder.
        Path rootBeforeIssuance = Files.writeString(dir.resolve("pebble-root-early.pem"), acme.issuingRootPem());
        Command.Result refused = PsqlSession.attempt(dir, PsqlSession.conninfo(DOMAIN, proxy.port, rootBeforeIssuance),
                "select 1");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("certificate verify failed");

        // What the certbot service does at its first start: probe the webroot through nginx, issue, deploy.
        scripts.reloadNginx(nginxPid, nginxHttpPort);
        String out = scripts.run("bootstrap.sh").assertSuccess("bootstrap.sh").output();
        assertThat(out).contains("nginx serves the ACME webroot");

        BigInteger issued = ServedCertificate.ofFile(scripts.lineage().resolve("fullchain.pem"));
        assertThat(issued).isNotEqualTo(placeholder);
        assertThat(ServedCertificate.ofFile(scripts.tlsDir.resolve("fullchain.pem"))).isEqualTo(issued);
        assertKeyReadableByCertsGroupOnly();
        awaitServedEverywhere(issued);

        pebbleRoot = Files.writeString(dir.resolve("pebble-root.pem"), acme.issuingRootPem());
        String conninfo = PsqlSession.conninfo(DOMAIN, proxy.port, pebbleRoot);
        assertThat(PsqlSession.query(dir, conninfo, "select 'verified through the proxy'"))
                .isEqualTo("verified through the proxy");
        // A restart of the certbot service runs bootstrap.sh again: no new certificate (rate limits), same files.
        String again = scripts.run("bootstrap.sh").assertSuccess("bootstrap.sh, second time").output();
        assertThat(again).contains("not yet due for renewal");
        assertThat(ServedCertificate.ofFile(scripts.tlsDir.resolve("fullchain.pem"))).isEqualTo(issued);
        assertSameProcesses();
        firstStartDone = true;
    }

    @Test
    @Order(2)
    void forcedRenewalReachesNginxAndProxyWhileOpenSessionsContinue() throws Exception {
        assertThat(firstStartDone).as("the first start (step 1) succeeded; this step builds on it").isTrue();
        String conninfo = PsqlSession.conninfo(DOMAIN, proxy.port, pebbleRoot);
        heldOpen = PsqlSession.open(conninfo);
        String backendBefore = heldOpen.ask("select pg_backend_pid();", Duration.ofSeconds(20));
        BigInteger before = ServedCertificate.ofFile(scripts.tlsDir.resolve("fullchain.pem"));

        scripts.run("renew.sh", "--force-renewal").assertSuccess("renew.sh --force-renewal");

        BigInteger renewed = ServedCertificate.ofFile(scripts.lineage().resolve("fullchain.pem"));
        assertThat(renewed).isNotEqualTo(before);
        assertThat(ServedCertificate.ofFile(scripts.tlsDir.resolve("fullchain.pem"))).isEqualTo(renewed);
        assertKeyReadableByCertsGroupOnly();
        awaitServedEverywhere(renewed);

        // The session from before the renewal is the same connection and still answers.
        assertThat(heldOpen.ask("select pg_backend_pid();", Duration.ofSeconds(20))).isEqualTo(backendBefore);
        assertThat(PsqlSession.query(dir, conninfo, "select 'new connection after renewal'"))
                .isEqualTo("new connection after renewal");
        assertSameProcesses();
    }

    @Test
    @Order(3)
    void brokenRenewalIsRefusedAndThePreviousCertificateStaysInService() throws Exception {
        assertThat(heldOpen).as("the renewal (step 2) ran; this step builds on it").isNotNull();
        Path good = scripts.tlsDir.resolve("fullchain.pem");
        BigInteger serving = ServedCertificate.ofFile(good);
        String goodKey = Files.readString(scripts.tlsDir.resolve("privkey.pem"));
        String truncatedKey = goodKey.substring(0, goodKey.length() / 2);

        // 1. The deploy hook refuses a lineage with a truncated key and leaves the installed pair alone.
        Path brokenLineage = Files.createDirectories(dir.resolve("broken-lineage"));
        Files.copy(scripts.lineage().resolve("fullchain.pem"), brokenLineage.resolve("fullchain.pem"));
        Files.writeString(brokenLineage.resolve("privkey.pem"), truncatedKey);
        Command.Result hook = scripts.run(Map.of("RENEWED_LINEAGE", brokenLineage.toString()), "deploy-hook.sh");
        assertThat(hook.exitCode()).as(hook.output()).isNotZero();
        assertThat(hook.output()).contains("not a readable PEM private key").contains("refused");
        assertThat(Files.readString(scripts.tlsDir.resolve("privkey.pem"))).isEqualTo(goodKey);

        // 2. A truncated key dropped straight into place (bypassing the hook): the proxy refuses it and logs why;
        //    nginx, told to reload, refuses it too and keeps its running configuration.
        Path tmp = scripts.tlsDir.resolve(".dropped");
        Files.writeString(tmp, truncatedKey);
        Files.move(tmp, scripts.tlsDir.resolve("privkey.pem"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        proxy.awaitLog("NOT reloaded", PICKUP);
        assertThat(proxy.log()).contains("privkey.pem");
        Command.run(List.of("kill", "-HUP", String.valueOf(nginxPid)), Map.of(), dir,
                Duration.ofSeconds(10)).assertSuccess("kill -HUP nginx");
        awaitNginxLog("privkey.pem");

        assertThat(ServedCertificate.postgres(dir, proxy.port, DOMAIN)).isEqualTo(serving);
        assertThat(ServedCertificate.https(dir, nginx.httpsPort, DOMAIN)).isEqualTo(serving);
        assertThat(PsqlSession.query(dir, PsqlSession.conninfo(DOMAIN, proxy.port, pebbleRoot),
                "select 'still verified'")).isEqualTo("still verified");
        assertThat(heldOpen.ask("select 'held session still fine';", Duration.ofSeconds(20)))
                .isEqualTo("held session still fine");
        assertSameProcesses();
    }

    private void awaitServedEverywhere(BigInteger serial) {
        ServedCertificate.await(() -> ServedCertificate.https(dir, nginx.httpsPort, DOMAIN), serial, PICKUP,
                () -> "nginx:\n" + nginx.log());
        ServedCertificate.await(() -> ServedCertificate.postgres(dir, proxy.port, DOMAIN), serial, PICKUP,
                () -> "pgwire-proxy:\n" + proxy.log());
    }

    private void awaitNginxLog(String text) {
        if (!Poll.until(PICKUP, () -> nginx.log().contains(text))) {
            throw new AssertionError("nginx did not log '" + text + "':\n" + nginx.log());
        }
    }

    /** Renewals reach nginx by reload and the proxy by its own file check: nobody restarts. */
    private void assertSameProcesses() {
        assertThat(nginx.isAlive()).as("nginx alive").isTrue();
        assertThat(proxy.isAlive()).as("pgwire-proxy alive").isTrue();
        assertThat(nginx.pid()).isEqualTo(nginxPid);
        assertThat(proxy.pid()).isEqualTo(proxyPid);
    }

    private void assertKeyReadableByCertsGroupOnly() throws IOException {
        Path key = scripts.tlsDir.resolve("privkey.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-r-----");
        assertThat(Files.getAttribute(key, "unix:gid")).isEqualTo(CERTS_GID);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(scripts.tlsDir.resolve("fullchain.pem"))))
                .isEqualTo("rw-r--r--");
    }

    @AfterAll
    void stopEverything() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {heldOpen, proxy, nginx, acme, postgres}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("while stopping " + c + ": " + e);
                }
            }
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
