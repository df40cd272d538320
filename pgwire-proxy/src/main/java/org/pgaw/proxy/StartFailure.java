package org.pgaw.proxy;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.Source;
import org.pgaw.proxy.config.Sources;

/**
 * The proxy could not start for a reason a person can act on: the message says which value did not work, what is
 * wrong with it and what to do, and {@link #explain} adds where the value came from (the flag, the variable or the
 * file's key the person typed). The command line prints that one line, never a stack trace or an exception's name.
 */
public final class StartFailure extends RuntimeException {
    private final List<String> keys;
    private final boolean badInput;
    private final String subject;
    private final String reason;
    private final String advice;
    private final String example;

    /**
     * @param keys     the settings whose values did not work
     * @param badInput true when the value itself cannot work (exit code 2); false when the machine's state is in
     *                 the way (a port taken), which may pass without a change of configuration (exit code 1)
     * @param subject  what could not be done, naming the value ("cannot listen on 127.0.0.1:6432")
     * @param reason   why not ("another program already uses port 6432")
     * @param advice   what to do, a sentence without its full stop
     * @param example  a value of {@code keys.get(0)} to suggest with the advice, or null
     */
    private StartFailure(List<String> keys, boolean badInput, String subject, String reason, String advice, String example,
                         Throwable cause) {
        super(subject + ": " + reason, cause, false, false);
        this.keys = List.copyOf(keys);
        this.badInput = badInput;
        this.subject = subject;
        this.reason = reason;
        this.advice = advice;
        this.example = example;
    }

    /** Binding {@code key}'s address failed: a port taken, not allowed, or an address that is not this machine's. */
    public static StartFailure cannotListen(String key, HostPort at, Throwable cause) {
        String os = allMessages(cause);
        String prefix = "cannot listen on " + at;
        if (os.contains("address already in use")) {
            return new StartFailure(List.of(key), false, prefix, "another program already uses port " + at.port()
                    + " (another pgwire-proxy, PgBouncer or PostgreSQL?)",
                    "Stop that program or choose another port", new HostPort(at.host(), nextPort(at.port())).toString(), cause);
        }
        if (os.contains("permission denied") || os.contains("access denied") || os.contains("not permitted")) {
            return new StartFailure(List.of(key), false, prefix, "this user may not listen on port " + at.port()
                    + (at.port() < 1024 ? " (ports below 1024 need root or the capability CAP_NET_BIND_SERVICE)" : ""),
                    "Choose a port from 1024 up", new HostPort(at.host(), at.port() < 1024 ? 6432 : nextPort(at.port())).toString(), cause);
        }
        if (os.contains("assign requested address") || os.contains("address not available")) {
            return new StartFailure(List.of(key), true, prefix, at.host() + " is not an address of this machine",
                    "Use one of its addresses: 127.0.0.1 for this machine only, 0.0.0.0 for every network",
                    new HostPort("0.0.0.0", at.port()).toString(), cause);
        }
        return new StartFailure(List.of(key), false, prefix, osMessage(cause), "Check the address", null, cause);
    }

    /** {@code key}'s host name has no address: a typo, or a name only another machine or network knows. */
    public static StartFailure unknownHost(String key, HostPort at, Throwable cause) {
        boolean listening = !key.equals("backend");
        String what = listening ? "cannot listen on " + at : "cannot find PostgreSQL at " + at;
        return new StartFailure(List.of(key), true, what, "the host name '" + at.host() + "' is not known here",
                listening ? "Use an address of this machine: 127.0.0.1 for this machine only, 0.0.0.0 for every network"
                        : "Check the name for a typo, or give PostgreSQL's IP address",
                listening ? new HostPort("0.0.0.0", at.port()).toString() : null, cause);
    }

    /** A certificate, key or CA file named by {@code keys} cannot be used; the message names the file and why. */
    public static StartFailure unusableFile(String subject, String problem, Throwable cause, String... keys) {
        return new StartFailure(List.of(keys), true, subject, problem, "Fix the file or name another one", null, cause);
    }

    public boolean badInput() {
        return badInput;
    }

    /** The one line for the person who started the proxy, naming where each value came from. */
    public String explain(Sources sources) {
        StringJoiner where = new StringJoiner(" and ", " (", ")");
        for (String key : keys) where.add(sources.describe(key));
        Source first = sources.of(keys.get(0));
        return subject + where + ": " + reason + ". " + advice + (example == null ? "" : ", e.g. " + first.howToSet(example)) + ".";
    }

    private static int nextPort(int port) {
        return port == 0 || port >= 65535 ? 6433 : port + 1;
    }

    /** Every message of the chain, lower case: the operating system's words may sit in a wrapper or in its cause. */
    private static String allMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) all.append(t.getMessage()).append('\n');
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    /** The innermost words ("bind(..) failed: Address already in use"): wrappers only repeat the address. */
    private static String osMessage(Throwable e) {
        String words = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) words = t.getMessage();
        }
        return words != null ? words : "the system gave no reason";
    }
}
