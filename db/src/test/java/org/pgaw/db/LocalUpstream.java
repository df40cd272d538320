package org.pgaw.db;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback standing in for the upstream repository's {@code data/} folder. */
final class LocalUpstream implements AutoCloseable {
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    LocalUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/", ex -> {
            requests.incrementAndGet();
            byte[] body = served.get(ex.getRequestURI().getPath().substring("/data/".length()));
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data/");
    }

    UpstreamFiles files(Path cache) {
        return new UpstreamFiles(url(), cache, Checksums.pinned(), new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
