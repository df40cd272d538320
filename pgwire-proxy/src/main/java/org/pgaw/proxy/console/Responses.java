package org.pgaw.proxy.console;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.pgaw.proxy.ops.BoundedHttpListener;

/** The console's responses, each with the headers that keep a browser from caching, framing or sniffing them. */
final class Responses {
    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    /** Only our own script and style; no inline script at all, no frames, forms only to ourselves. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private Responses() { }

    static FullHttpResponse of(HttpResponseStatus status, String type, String body) {
        return of(status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static FullHttpResponse of(HttpResponseStatus status, String type, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        return r;
    }

    static FullHttpResponse text(HttpResponseStatus status, String body) {
        return of(status, TEXT, body + "\n");
    }

    static FullHttpResponse redirect(String location) {
        FullHttpResponse r = of(HttpResponseStatus.SEE_OTHER, TEXT, "see " + location + "\n");
        r.headers().set(HttpHeaderNames.LOCATION, location);
        return r;
    }

    static void send(ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
        r.headers().set("X-Content-Type-Options", "nosniff");
        r.headers().set("X-Frame-Options", "DENY");
        r.headers().set("Referrer-Policy", "same-origin"); // no-referrer would make Chrome send "Origin: null" on our own forms
        r.headers().set("Content-Security-Policy", CSP);
        BoundedHttpListener.reply(ctx, r, keepAlive);
    }
}
