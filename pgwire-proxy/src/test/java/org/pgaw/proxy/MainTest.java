package org.pgaw.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.ConfigLoader;
import org.pgaw.proxy.config.EffectiveConfig;
import org.pgaw.proxy.config.Setting;
import org.pgaw.proxy.config.Settings;

/** The command line as an operator meets it: help, version, print-config, and one-line errors with exit code 2. */
class MainTest {
    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) { }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndNames() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        String help = r.out().replaceAll("\\s+", " ");
        EffectiveConfig defaults = EffectiveConfig.defaults();
        for (Setting s : Settings.all()) {
            String text = s.textIn(defaults);
            int start = help.indexOf(s.flag() + "=");
            assertThat(start).as("help lists %s", s.flag()).isNotNegative();
            int end = help.indexOf(" --", start + s.flag().length()); // where the next option begins
            String ownDescription = end < 0 ? help.substring(start) : help.substring(start, end);
            assertThat(ownDescription).as("help of %s", s.flag())
                    .contains("Default: " + (text.isEmpty() ? "none" : text), s.envName(), "YAML: " + s.key());
        }
        assertThat(help).contains("--config=FILE", "--print-config", "--version", "--help");
        // Spot checks against the records themselves, in case the catalogue and the records disagree.
        assertThat(help).contains("--limits-max-connections=N", "Default: " + defaults.proxy().limits().maxConnections());
        assertThat(help).contains("--listen=HOST:PORT", "Default: " + defaults.proxy().listen());
        assertThat(help).contains("Default: 64MiB", "Default: 30s", "Default: 127.0.0.1:9187");
    }

    @Test
    void theReadmeDocumentsEverySettingWithItsDefault() throws IOException {
        Path readme = Path.of(System.getProperty("pgaw.repo.dir", ".."), "pgwire-proxy", "README.md");
        String text = Files.readString(readme);
        EffectiveConfig defaults = EffectiveConfig.defaults();
        for (Setting s : Settings.all()) {
            String dflt = s.textIn(defaults);
            assertThat(text).as("README row of %s", s.key()).contains("| `" + s.key() + "` | `" + s.flag() + "` | `"
                    + s.envName() + "` | " + (dflt.isEmpty() ? "none" : "`" + dflt + "`") + " |");
        }
    }

    @Test
    void theDemoIsASubcommand() {
        Run help = run("--help");
        assertThat(help.out()).containsPattern("Commands:\\s+demo ");
        Run demoHelp = run("demo", "--help");
        assertThat(demoHelp.code()).isZero();
        assertThat(demoHelp.out()).contains("pgwire-proxy demo", "--workdir");
        assertOneLineError(run("--limits-max-connections", "5", "demo"), "--limits-max-connections is an option of the proxy, not of 'demo'");
    }

    @Test
    void versionNamesTheProgram() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("pgwire-proxy ").contains("Java ");
    }

    @Test
    void printConfigShowsTheEffectiveValuesFromEverySource() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "limits:\n  max_connections: 300\nbackend: db:5432\n");
        Run r = run(Map.of("PGAW_BACKEND", "db2:5432"), "--config", file.toString(), "--limits-startup-timeout", "3s",
                "--print-config");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("max_connections: 300", "backend: db2:5432", "startup_timeout: 3s");
        // The output is itself a valid config file with the same values.
        Path printed = Files.writeString(dir.resolve("printed.yaml"), r.out());
        assertThat(ConfigLoader.load(printed, Map.of(), Map.of()))
                .isEqualTo(ConfigLoader.load(file, Map.of("PGAW_BACKEND", "db2:5432"), Map.of("limits.startup_timeout", "3s")));
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Run r = run(Map.of("PGAW_LISTEN", "127.0.0.1:7000"), "--listen=127.0.0.1:7001", "--print-config");
        assertThat(r.out()).contains("listen: 127.0.0.1:7001").doesNotContain("7000");
    }

    @Test
    void badInputIsOneLineOnStderrAndExitCode2() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "limits:\n  max_conections: 3\n");
        assertOneLineError(run("--config", bad.toString()), "unknown key 'limits.max_conections'");
        assertOneLineError(run("--limits-max-connections", "many"), "option --limits-max-connections: 'many' is not a whole number");
        assertOneLineError(run("--limits-max-conections=4"), "did you mean '--limits-max-connections'?");
        assertOneLineError(run("--listen"), "Missing required parameter");
        assertOneLineError(run("--config", dir.resolve("missing.yaml").toString()), "does not exist");
        assertOneLineError(run(Map.of("PGAW_LIMITS_WRITE_BUFFER_HIGH", "1KiB")),
                "PGAW_LIMITS_WRITE_BUFFER_HIGH=1KiB must be above the default limits.write_buffer_low 32KiB");
        assertOneLineError(run("stray-argument"), "stray-argument");
        assertOneLineError(run("@" + bad), "@" + bad); // no options from argument files: only --config reads a file
    }

    private static void assertOneLineError(Run r, String expected) {
        assertThat(r.code()).as("exit code of %s", r.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("pgwire-proxy: ").contains(expected).doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one line: %s", r.err()).isEqualTo(1);
    }
}
