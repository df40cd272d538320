package org.pgaw.proxy.ops;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the admin requests; stateless, so one instance serves every connection. */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ProxyMetrics metrics;
    private final BooleanSupplier accepting;

    AdminHandler(ProxyMetrics metrics, BooleanSupplier accepting) {
        this.metrics = metrics;
        this.accepting = accepting;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            BoundedHttpListener.reply(ctx, text(HttpResponseStatus.BAD_REQUEST, "bad request\n"), false);
            return;
        }
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!HttpMethod.GET.equals(request.method()) && !head) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            BoundedHttpListener.reply(ctx, r, HttpUtil.isKeepAlive(request));
            return;
        }
        FullHttpResponse response = switch (new QueryStringDecoder(request.uri()).path()) {
            case "/health" -> accepting.getAsBoolean()
                    ? text(HttpResponseStatus.OK, "ok\n")
                    : text(HttpResponseStatus.SERVICE_UNAVAILABLE, "draining\n");
            case "/metrics" -> metrics(ctx);
            default -> text(HttpResponseStatus.NOT_FOUND, "not found: try /health or /metrics\n");
        };
        if (head) {
            int length = response.content().readableBytes();
            FullHttpResponse withBody = response;
            response = withBody.replace(Unpooled.EMPTY_BUFFER);
            withBody.release();
            HttpUtil.setContentLength(response, length);
        }
        BoundedHttpListener.reply(ctx, response, HttpUtil.isKeepAlive(request));
    }

    private FullHttpResponse metrics(ChannelHandlerContext ctx) {
        ByteBuf body = ctx.alloc().buffer(16 * 1024);
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
            metrics.writeTo(out);
        } catch (IOException | RuntimeException e) {
            body.release();
            LOG.warn("admin endpoint: cannot write metrics: {}", e.toString());
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "metrics unavailable\n");
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, metrics.contentType());
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, TEXT);
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException) && !(cause instanceof IOException)) {
            LOG.warn("admin endpoint: closing a connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
