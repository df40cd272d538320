package org.pgaw.proxy.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pgaw.proxy.config.GuardConfig;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.ProxyConfig;
import org.pgaw.proxy.ProxyServer;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/** The messages of one reply read with a {@link WireClient}, up to a ReadyForQuery (or a given tag). */
record WireTranscript(List<WireClient.Message> messages) {
    /**
     * The statement gate's categories these tests use to reach the wire limits (temp tables, INSERT, COPY FROM, DO
     * blocks, query_to_xml): the limits must hold for what a teacher may allow, not only for plain reading.
     */
    static final List<String> ALLOW_WHAT_THESE_TESTS_RUN = List.of("ddl", "dml", "do", "dynamic_sql");

    static WireTranscript untilReady(WireClient c) throws IOException {
        return until(c, 'Z');
    }

    static WireTranscript until(WireClient c, char last) throws IOException {
        List<WireClient.Message> out = new ArrayList<>();
        WireClient.Message m;
        do {
            m = c.read();
            out.add(m);
        } while (m.tag() != last);
        return new WireTranscript(out);
    }

    /** Tags with runs of DataRow / CopyData left out, e.g. "TNCZ". */
    String shape() {
        StringBuilder b = new StringBuilder();
        for (WireClient.Message m : messages) if (m.tag() != 'D' && m.tag() != 'd') b.append(m.tag());
        return b.toString();
    }

    long count(char tag) {
        return messages.stream().filter(m -> m.tag() == tag).count();
    }

    List<String> texts(char tag) {
        return messages.stream().filter(m -> m.tag() == tag).map(m -> m.fields().get('M')).toList();
    }

    WireClient.Message first(char tag) {
        return messages.stream().filter(m -> m.tag() == tag).findFirst().orElseThrow(() ->
                new AssertionError("no '" + tag + "' in " + shape()));
    }

    String commandTag() {
        byte[] b = first('C').body();
        return new String(b, 0, b.length - 1, StandardCharsets.UTF_8);
    }

    long bytes() {
        return messages.stream().mapToLong(m -> 5 + m.body().length).sum();
    }

    static ProxyServer proxy(GuardConfig guard) {
        return ProxyServer.start(ProxyConfig.defaults().withTls(null).withAdmin(null)
                .withListen(new HostPort("127.0.0.1", 0)).withBackend(TestPostgres.address()).withGuard(guard));
    }

    static WireClient connect(ProxyServer p) throws IOException {
        WireClient c = new WireClient(p.address());
        c.send(WireClient.startup("postgres", "postgres"));
        c.readUntilReady();
        return c;
    }
}
