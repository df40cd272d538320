package org.pgaw.proxy.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pgaw.proxy.testing.TestPostgres;
import org.pgaw.proxy.testing.WireClient;

/**
 * A raw simple-Query connection to the test PostgreSQL (no client library splitting the text on its own), reporting
 * what PostgreSQL did with each statement of a Query: how the rewrite's split and errors compare to the real thing.
 */
final class DirectWire implements AutoCloseable {
    /** One statement's outcome: {@code rows=N <tag>}, {@code <tag>}, {@code empty}, or the error. */
    record Outcome(String text, String sqlState, String message, int position, byte[] body) {
        Outcome(String text, String sqlState, String message, int position) {
            this(text, sqlState, message, position, null);
        }

        /** What a learner reads of it: the command tag or rows, or SQLSTATE, message and position. */
        String shown() {
            return error() ? sqlState + " " + message + " @" + position : text;
        }

        boolean error() {
            return sqlState != null;
        }
    }

    private final WireClient client;

    DirectWire() throws IOException {
        client = new WireClient(new java.net.InetSocketAddress("127.0.0.1", TestPostgres.port()));
        client.send(WireClient.startup("postgres", "postgres"));
        client.readUntilReady();
    }

    List<Outcome> run(String sql) throws IOException {
        client.send(WireClient.query(sql));
        List<Outcome> out = new ArrayList<>();
        int rows = -1;
        while (true) {
            WireClient.Message m = client.read();
            switch (m.tag()) {
                case 'T' -> rows = 0;
                case 'D' -> rows++;
                case 'C' -> {
                    String tag = new String(m.body(), 0, m.body().length - 1, StandardCharsets.UTF_8);
                    out.add(new Outcome(rows >= 0 ? "rows=" + rows + " " + tag : tag, null, null, 0));
                    rows = -1;
                }
                case 'I' -> out.add(new Outcome("empty", null, null, 0));
                case 'E' -> {
                    Map<Character, String> f = m.fields();
                    String p = f.get('P');
                    out.add(new Outcome("error", f.get('C'), f.get('M'), p == null ? 0 : Integer.parseInt(p), m.body()));
                    rows = -1;
                }
                case 'Z' -> {
                    return out;
                }
                default -> { }
            }
        }
    }

    /** An error body's fields as a learner reads them. */
    static Outcome parseError(byte[] body) {
        WireClient.Message m = new WireClient.Message('E', body);
        Map<Character, String> f = m.fields();
        String p = f.get('P');
        return new Outcome("error", f.get('C'), f.get('M'), p == null ? 0 : Integer.parseInt(p), body);
    }

    @Override
    public void close() throws IOException {
        client.send(WireClient.terminate());
        client.close();
    }
}
