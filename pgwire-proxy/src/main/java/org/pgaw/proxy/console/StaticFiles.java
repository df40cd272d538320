package org.pgaw.proxy.console;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The page's script and style, read from the jar once. */
final class StaticFiles {
    private final Map<String, byte[]> files = Map.of(
            "console.js", read("console.js"),
            "console.css", read("console.css"));

    FullHttpResponse get(String name) {
        String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
        return Responses.of(HttpResponseStatus.OK, type, files.get(name));
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the jar lacks the console's " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the console's " + name, e);
        }
    }
}
