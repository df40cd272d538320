package org.pgaw.stack.certs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pgaw.stack.support.Command;

/** The repository's stack/certs scripts, run with the settings a deployment would give them, pointed at Pebble. */
final class CertScripts {
    final Path tlsDir;
    final Path webroot;
    final Path leDir;
    private final Path scripts;
    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();

    CertScripts(Path repo, Path workDir, String domain, int certsGid) {
        this.scripts = repo.resolve("stack/certs");
        this.workDir = workDir;
        this.tlsDir = workDir.resolve("tls");
        this.webroot = workDir.resolve("acme-webroot");
        this.leDir = workDir.resolve("letsencrypt");
        env.put("PGAW_DOMAIN", domain);
        env.put("PGAW_ACME_EMAIL", "teacher@example.com");
        env.put("PGAW_LE_DIR", leDir.resolve("config").toString());
        env.put("PGAW_LE_WORK_DIR", leDir.resolve("work").toString());
        env.put("PGAW_LE_LOG_DIR", leDir.resolve("logs").toString());
        env.put("PGAW_TLS_DIR", tlsDir.toString());
        env.put("PGAW_ACME_WEBROOT", webroot.toString());
        env.put("PGAW_CERTS_GID", String.valueOf(certsGid));
        env.put("PGAW_RELOAD_CMD", "");
    }

    /** Where the ACME server is and which CA its HTTPS listener has (certbot reads REQUESTS_CA_BUNDLE). */
    void useAcme(PebbleAcme acme) {
        env.put("PGAW_ACME_SERVER", acme.directoryUrl());
        env.put("REQUESTS_CA_BUNDLE", acme.listenerCa().toString());
    }

    /** After an install, signal this nginx master to reload (the compose service does the same with its pid 1). */
    void reloadNginx(long pid, int httpPort) {
        env.put("PGAW_RELOAD_CMD", "kill -HUP " + pid);
        env.put("PGAW_ACME_PROBE_URL", "http://127.0.0.1:" + httpPort);
    }

    Path lineage() {
        return leDir.resolve("config/live/pgaw");
    }

    Command.Result run(String script, String... args) {
        return run(Map.of(), script, args);
    }

    Command.Result run(Map<String, String> extraEnv, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", scripts.resolve(script).toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extraEnv);
        return Command.run(command, all, workDir, Duration.ofSeconds(90));
    }
}
