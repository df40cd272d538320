package org.pgaw.proxy.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pgaw.proxy.SettingOptions;
import org.pgaw.proxy.config.ConfigException;
import org.pgaw.proxy.config.ConfigLoader;
import org.pgaw.proxy.config.GuardConfig.GuardLimits;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.Setting;
import org.pgaw.proxy.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: PostgreSQL 17 + AdventureWorks + the guarding proxy, in one command. It takes the proxy's guard
 * limits (the same catalogue entries, under their proxy flag and a short one: {@code --statement-timeout 5s}), so a
 * teacher can show a limit without waiting for its default. Its terminal shows the instructions and guard events;
 * every log line goes to {@code logs/demo.log} in the work directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded PostgreSQL 17 with AdventureWorks behind the guarding proxy (TLS on) and print"
                + " how to connect with psql or pgAdmin. Ctrl-C stops everything; the next start reuses the data.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:6432",
            description = "Where the proxy listens (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Load the upstream CSV files from DIR (default: the 61 tables' files this program carries, plus the 7 largest"
                    + " downloaded from the pinned commit when there is a network).")
    Path data;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where the PostgreSQL data and the generated passwords live (default: ~/.local/share/pgaw/demo).")
    Path workdir;

    @Option(names = "--strict", description = "Refuse to start with an incomplete AdventureWorks (a missing upstream file).")
    boolean strict;

    @Spec
    CommandSpec spec;

    /** Adds the guard limits of the settings catalogue as options (called once the command line is built). */
    public static void addGuardLimitOptions(CommandSpec demo) {
        for (Setting s : Settings.guardLimits()) demo.addOption(SettingOptions.flagOnlyOptionFor(s, shortFlag(s)));
    }

    /** {@code guard.limits.statement_timeout} is {@code --statement-timeout} here: the demo has no other limits. */
    static String shortFlag(Setting s) {
        return "--" + s.key().substring(Settings.GUARD_LIMITS_PREFIX.length()).replace('_', '-');
    }

    /** The log file in the work directory. */
    static Path logFile(Path workdir) {
        return workdir.toAbsolutePath().normalize().resolve("logs").resolve("demo.log");
    }

    @Option(names = "--learners", paramLabel = "N", defaultValue = "1",
            description = "How many learners get a database role and password of their own (default: ${DEFAULT-VALUE});"
                    + " with N above 1: learner1..learnerN, kept apart from each other.")
    int learners;

    @Override
    public Integer call() {
        HostPort where;
        try {
            where = HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: --listen: " + e.getMessage());
            return 2;
        }
        GuardLimits limits;
        try {
            limits = guardLimits();
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        Path dir = workdir != null ? workdir : DemoWorkdir.defaultRoot();
        Demo demo;
        DemoLog log = null;
        try {
            log = DemoLog.install(logFile(dir), System.out);
            demo = Demo.start(new Demo.Options(where, data, dir, strict, limits, learners), System.out, System.err);
        } catch (DemoException e) {
            if (log != null) log.close();
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the proxy, then PostgreSQL ...");
            demo.close();
            stopped.countDown();
        }, "pgaw-demo-shutdown"));
        System.out.println(demo.instructions());
        System.out.println("Below: each time a guard stops a learner's query. Every session is logged in " + log.file() + ".");
        System.out.println();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The limits given as options, parsed and checked as the proxy's own flags are (the catalogue's defaults else). */
    private GuardLimits guardLimits() {
        Map<String, SettingOptions.Given> given = SettingOptions.given(spec.commandLine().getParseResult(), Settings.guardLimits());
        return ConfigLoader.loadWithSources(null, Map.of(), SettingOptions.values(given), SettingOptions.typedNames(given))
                .config().proxy().guard().limits();
    }
}
