package org.pgaw.proxy.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.pgaw.proxy.config.HostPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: PostgreSQL 17 + AdventureWorks + the guarding proxy, in one command. */
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

    @Override
    public Integer call() {
        HostPort where;
        try {
            where = HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --listen: " + e.getMessage());
            return 2;
        }
        Path dir = workdir != null ? workdir : DemoWorkdir.defaultRoot();
        Demo demo;
        try {
            demo = Demo.start(new Demo.Options(where, data, dir, strict), System.out, System.err);
        } catch (DemoException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the proxy, then PostgreSQL ...");
            demo.close();
            stopped.countDown();
        }, "pgaw-demo-shutdown"));
        System.out.println(demo.instructions());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
