package org.pgaw.proxy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pgaw.proxy.config.ConfigException;
import org.pgaw.proxy.config.ConfigLoader;
import org.pgaw.proxy.config.ConfigPrinter;
import org.pgaw.proxy.config.EffectiveConfig;
import org.pgaw.proxy.config.Setting;
import org.pgaw.proxy.config.Settings;
import org.pgaw.proxy.config.Sources;
import org.pgaw.proxy.config.Suggest;
import org.pgaw.proxy.config.Units;
import org.pgaw.proxy.demo.DemoCommand;
import org.pgaw.proxy.ops.BuildInfo;
import org.pgaw.proxy.ops.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code pgwire-proxy} command: loads the configuration (defaults, YAML file, PGAW_* variables, flags), starts
 * the proxy and closes it gracefully on SIGTERM / Ctrl-C. Every setting of the catalogue is a flag, added from
 * {@link Settings} so that --help always lists all of them with their defaults.
 *
 * <p>Subcommand {@code demo}: an embedded PostgreSQL with AdventureWorks behind the proxy (see {@link DemoCommand}).
 *
 * <p>Exit codes: 143 after SIGTERM (the JVM's), 0 done, 1 the proxy could not start (a port taken), 2 bad command
 * line or configuration, including a host, address or file that cannot work (one line on stderr that names the flag,
 * variable or file key the value came from).
 */
@Command(name = "pgwire-proxy", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, abbreviateSynopsis = true, usageHelpWidth = 110, usageHelpAutoWidth = true,
        subcommands = DemoCommand.class,
        description = {
            "A guarding PostgreSQL wire-protocol proxy for a class: it relays clients to PostgreSQL and limits",
            "what a learner's query can cost (rows, bytes, time).",
            "",
            "Each setting comes from, last one winning: its default, the YAML file, its PGAW_* environment variable,",
            "its flag. The YAML key, variable and flag of each setting are listed below."},
        footer = {"", "Exit codes: 143 stopped by SIGTERM or Ctrl-C (after the graceful shutdown), 0 done (help, version,",
            "print-config), 1 the proxy could not start (e.g. its port is taken), 2 bad command line or configuration",
            "(including a host name, address or file that cannot work)."})
public final class Main implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--config", paramLabel = "FILE", order = -3,
            description = "YAML configuration file (see README). Default: the file named by PGAW_CONFIG, else none.")
    private Path configFile;

    @Option(names = "--print-config", order = -2,
            description = "Print the effective configuration as YAML (it can be used as --config) and exit.")
    private boolean printConfig;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;

    private Main(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command as {@link #main} does, with the environment and streams given (tests pass their own). */
    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err).execute(args);
    }

    static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main(env));
        for (Setting s : Settings.all()) cl.getCommandSpec().addOption(SettingOptions.optionFor(s));
        DemoCommand.addGuardLimitOptions(cl.getSubcommands().get("demo").getCommandSpec());
        cl.setExpandAtFiles(false); // "@file" stays a plain argument: no option may come from a file but --config
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> {
            String hint = e instanceof CommandLine.UnmatchedArgumentException u ? suggestFor(u) : "";
            e.getCommandLine().getErr().println("pgwire-proxy: " + e.getMessage() + hint + "; see --help");
            return EXIT_USAGE;
        });
        cl.setExecutionStrategy(Main::refuseProxyOptionsBeforeASubcommand);
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            LOG.debug("unexpected failure", e);
            command.getErr().println("pgwire-proxy: internal error (please report it): " + oneLine(e)
                    + "; --log-level debug shows the details");
            return EXIT_FAILED;
        });
        return cl;
    }

    /**
     * {@code pgwire-proxy --listen X demo} would run the demo and silently drop --listen (it belongs to the proxy
     * command, which does not run): say so instead.
     */
    private static int refuseProxyOptionsBeforeASubcommand(CommandLine.ParseResult parsed) {
        if (parsed.hasSubcommand()) {
            for (OptionSpec o : parsed.matchedOptions()) {
                if (o.usageHelp() || o.versionHelp()) continue;
                String sub = parsed.subcommand().commandSpec().name();
                String flag = o.longestName();
                parsed.commandSpec().commandLine().getErr().println("pgwire-proxy: " + flag
                        + (parsed.subcommand().commandSpec().optionsMap().containsKey(flag)
                                ? " goes after '" + sub + "': pgwire-proxy " + sub + " " + flag + " ..."
                                : " is an option of the proxy, not of '" + sub + "'; see " + sub + " --help"));
                return EXIT_USAGE;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The known flag closest to the first unknown one, since picocli's own guesses are poor for long names. */
    private static String suggestFor(CommandLine.UnmatchedArgumentException e) {
        for (String arg : e.getUnmatched()) {
            if (!arg.startsWith("--")) continue;
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            return Suggest.didYouMean(flag, e.getCommandLine().getCommandSpec().optionsMap().keySet());
        }
        return "";
    }

    @Override
    public Integer call() {
        EffectiveConfig config;
        Sources sources;
        try {
            ConfigLoader.Loaded loaded = ConfigLoader.loadWithSources(configFile, env, flagValues());
            config = loaded.config();
            sources = loaded.sources();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("pgwire-proxy: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (printConfig) {
            spec.commandLine().getOut().print(ConfigPrinter.toYaml(config));
            spec.commandLine().getOut().flush();
            return EXIT_OK;
        }
        LogLevel.apply(config.logLevel());
        return serve(config, sources);
    }

    /** The flags given on this command line, by setting key; absent flags are left to the other sources. */
    private Map<String, String> flagValues() {
        return SettingOptions.values(SettingOptions.given(spec.commandLine().getParseResult(), Settings.all()));
    }

    /**
     * Starts the proxy (which starts its admin endpoint), then waits: the JVM's shutdown hook (SIGTERM, Ctrl-C)
     * closes it gracefully; /health answers 503 while the sessions drain.
     */
    private int serve(EffectiveConfig config, Sources sources) {
        ProxyServer server;
        try {
            server = ProxyServer.start(config.proxy());
        } catch (StartFailure e) {
            LOG.debug("start failed", e);
            spec.commandLine().getErr().println("pgwire-proxy: " + e.explain(sources));
            return e.badInput() ? EXIT_USAGE : EXIT_FAILED;
        } catch (RuntimeException e) {
            return cannotStart(e);
        }
        BackendProbe.warnIfUnreachable(config.proxy(), sources);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: no new connections, running statements get up to {}",
                    Units.formatDuration(config.proxy().limits().shutdownGrace()));
            try {
                server.close();
            } finally {
                LOG.info("stopped");
                closed.countDown();
            }
        }, "pgaw-shutdown"));
        LOG.info("pgwire-proxy {} started: clients on {}, PostgreSQL at {}, admin {}", BuildInfo.version(),
                server.address(), config.proxy().backend(), server.adminAddress() == null ? "off" : server.adminAddress());
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    private int cannotStart(RuntimeException e) {
        LOG.debug("start failed", e);
        spec.commandLine().getErr().println("pgwire-proxy: cannot start: " + oneLine(e) + "; --log-level debug shows the details");
        return EXIT_FAILED;
    }

    /** The first line of the first message in the cause chain: the words meant for a person, not a class name. */
    private static String oneLine(Throwable e) {
        String m = null;
        for (Throwable t = e; t != null && m == null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) m = t.getMessage();
        }
        if (m == null) m = "unexpected " + e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** --version: the jar's version and the Java it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pgwire-proxy " + BuildInfo.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
