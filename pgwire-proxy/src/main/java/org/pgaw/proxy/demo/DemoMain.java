package org.pgaw.proxy.demo;

import picocli.CommandLine;

/** Runs {@link DemoCommand} on its own until the proxy's main command registers it as {@code demo}. */
public final class DemoMain {
    private DemoMain() { }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }
}
