package org.pgaw.proxy.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pgaw.proxy.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's routes, all under {@code /teacher/} (nginx forwards that prefix unchanged): the page, log in and
 * out, the live data as JSON, the two actions, and the page's script and style. Every route but log-in and the
 * static files needs the teacher's cookie; every POST needs a same-site origin, and the actions and log-out the
 * login's CSRF token. Bad input gets a 4xx with a one-line reason and changes nothing.
 */
@ChannelHandler.Sharable
final class ConsoleHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
    static final String BASE = "/teacher/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<Session> sessions;
    private final TeacherPassword password;
    private final LoginThrottle throttle = new LoginThrottle();
    private final ConsoleLogins logins = new ConsoleLogins();
    private final ClassState state;
    private final StaticFiles files = new StaticFiles();

    ConsoleHandler(Set<Session> sessions, TeacherPassword password, ClassState state) {
        this.sessions = sessions;
        this.password = password;
        this.state = state;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            Responses.send(ctx, Responses.text(HttpResponseStatus.BAD_REQUEST, "bad request"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        boolean get = HttpMethod.GET.equals(method);
        boolean post = HttpMethod.POST.equals(method);
        if (path.equals("/teacher") || path.equals("/")) {
            Responses.send(ctx, Responses.redirect(BASE), keepAlive);
            return;
        }
        if (!path.startsWith(BASE)) {
            Responses.send(ctx, Responses.text(HttpResponseStatus.NOT_FOUND, "not found: the console is at " + BASE), keepAlive);
            return;
        }
        String route = path.substring(BASE.length());
        if (!get && !post) {
            FullHttpResponse r = Responses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and POST");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, POST");
            Responses.send(ctx, r, keepAlive);
            return;
        }
        if (post) {
            String refused = refusedPost(request);
            if (refused != null) {
                Responses.send(ctx, Responses.text(HttpResponseStatus.FORBIDDEN, refused), keepAlive);
                return;
            }
            if (!isForm(request)) {
                Responses.send(ctx, Responses.text(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                        "send application/x-www-form-urlencoded"), keepAlive);
                return;
            }
        }
        long now = System.currentTimeMillis();
        String cookie = cookie(request);
        ConsoleLogins.Login login = logins.find(cookie, now);
        String from = ClientAddress.of(ctx.channel().remoteAddress(), request);
        FullHttpResponse response = switch (route) {
            case "" -> get ? page(login) : notAllowed("GET");
            case "console.js", "console.css" -> get ? files.get(route) : notAllowed("GET");
            case "login" -> post ? login(form(request), from, now) : notAllowed("POST");
            case "logout" -> post ? logout(login, cookie, form(request)) : notAllowed("POST");
            case "state" -> {
                if (!get) yield notAllowed("GET");
                if (login == null) yield Responses.text(HttpResponseStatus.UNAUTHORIZED, "log in first");
                sendState(ctx, uri, keepAlive);
                yield null;
            }
            case "cancel", "end" -> post ? act(route, login, form(request), from) : notAllowed("POST");
            default -> Responses.text(HttpResponseStatus.NOT_FOUND, "not found");
        };
        if (response != null) Responses.send(ctx, response, keepAlive);
    }

    private FullHttpResponse page(ConsoleLogins.Login login) {
        return Responses.of(HttpResponseStatus.OK, Responses.HTML,
                login == null ? Pages.login(null) : Pages.console(login.csrf()));
    }

    private FullHttpResponse login(Map<String, List<String>> form, String from, long now) {
        long wait = throttle.waitMillis(from, now);
        if (wait > 0) {
            LOG.warn("console: login from {} refused: too many wrong passwords, {} s to wait", from, (wait + 999) / 1000);
            FullHttpResponse r = Responses.of(HttpResponseStatus.TOO_MANY_REQUESTS, Responses.HTML,
                    Pages.login("Too many wrong passwords from this address: try again in " + (wait + 999) / 1000 + " s."));
            r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString((wait + 999) / 1000));
            return r;
        }
        if (!password.matches(one(form, "password"))) {
            throttle.failed(from, now);
            LOG.warn("console: wrong password from {}", from);
            return Responses.of(HttpResponseStatus.UNAUTHORIZED, Responses.HTML, Pages.login("Wrong password."));
        }
        throttle.succeeded(from);
        ConsoleLogins.Login l = logins.create(now);
        LOG.info("console: the teacher logged in from {}", from);
        FullHttpResponse r = Responses.redirect(BASE);
        r.headers().add(HttpHeaderNames.SET_COOKIE, ConsoleLogins.COOKIE + "=" + l.cookie() + "; Path=" + BASE
                + "; Max-Age=" + ConsoleLogins.LIFETIME_MILLIS / 1000 + "; HttpOnly; Secure; SameSite=Strict");
        return r;
    }

    private FullHttpResponse logout(ConsoleLogins.Login login, String cookie, Map<String, List<String>> form) {
        if (login == null) return Responses.redirect(BASE);
        if (!sameToken(login.csrf(), one(form, "csrf"))) return Responses.text(HttpResponseStatus.FORBIDDEN, "bad CSRF token");
        logins.remove(cookie);
        FullHttpResponse r = Responses.redirect(BASE);
        r.headers().add(HttpHeaderNames.SET_COOKIE, ConsoleLogins.COOKIE + "=; Path=" + BASE
                + "; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
        return r;
    }

    /** Cancel a learner's statement or end their session: the session is named by the proxy's own number. */
    private FullHttpResponse act(String action, ConsoleLogins.Login login, Map<String, List<String>> form, String from) {
        if (login == null) return Responses.text(HttpResponseStatus.UNAUTHORIZED, "log in first");
        if (!sameToken(login.csrf(), one(form, "csrf"))) return Responses.text(HttpResponseStatus.FORBIDDEN, "bad CSRF token");
        String idText = one(form, "session");
        long id;
        try {
            if (idText == null || idText.length() > 19) throw new NumberFormatException();
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return Responses.text(HttpResponseStatus.BAD_REQUEST, "session must be a session number from the page");
        }
        Session target = null;
        for (Session s : sessions) if (s.id() == id) target = s;
        if (target == null) return Responses.text(HttpResponseStatus.NOT_FOUND, "no such session (it may have ended)");
        Session chosen = target;
        // Who it was is read on the session's own loop; the action and its log line follow there, nothing waits.
        chosen.view().completeOnTimeout(null, 1, java.util.concurrent.TimeUnit.SECONDS).thenAccept(v -> {
            String learner = v == null ? "?" : v.user();
            if (action.equals("cancel")) {
                LOG.info("console: the teacher (from {}) cancelled the running statement of learner={} session={}", from, learner, id);
                chosen.cancelByTeacher();
            } else {
                LOG.info("console: the teacher (from {}) ended the session of learner={} session={}", from, learner, id);
                chosen.endByTeacher();
            }
        });
        return Responses.of(HttpResponseStatus.OK, Responses.JSON, json(Map.of("ok", true, "action", action, "session", Long.toString(id))));
    }

    private void sendState(ChannelHandlerContext ctx, QueryStringDecoder uri, boolean keepAlive) {
        long after;
        try {
            List<String> a = uri.parameters().get("after");
            after = a == null || a.isEmpty() ? 0 : Long.parseLong(a.get(0));
        } catch (NumberFormatException e) {
            Responses.send(ctx, Responses.text(HttpResponseStatus.BAD_REQUEST, "after must be a number"), keepAlive);
            return;
        }
        state.views().whenComplete((views, failure) -> {
            FullHttpResponse r = failure != null
                    ? Responses.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "the class could not be read; retry")
                    : Responses.of(HttpResponseStatus.OK, Responses.JSON, json(state.build(views, after)));
            if (ctx.executor().inEventLoop()) Responses.send(ctx, r, keepAlive);
            else ctx.executor().execute(() -> Responses.send(ctx, r, keepAlive));
        });
    }

    /** A POST must come from this console's own page: no cross-site origin. */
    private static String refusedPost(FullHttpRequest request) {
        String site = request.headers().get("Sec-Fetch-Site");
        if (site != null && site.equals("cross-site")) return "cross-site requests are refused";
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) return null;
        String host = request.headers().get(HttpHeaderNames.HOST);
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            if (host != null && authority != null && authority.equalsIgnoreCase(host)) return null;
        } catch (IllegalArgumentException e) {
            // not a URL: refused below
        }
        return "the request's Origin is not this console";
    }

    private static boolean isForm(FullHttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static Map<String, List<String>> form(FullHttpRequest request) {
        String body = request.content().toString(StandardCharsets.UTF_8);
        return new QueryStringDecoder(body, StandardCharsets.UTF_8, false, 16).parameters();
    }

    private static String one(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.size() != 1 ? null : v.get(0);
    }

    private static String cookie(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null || header.length() > 4096) return null;
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(ConsoleLogins.COOKIE)) return c.value();
        }
        return null;
    }

    /** Constant-time: how much of a forged token was right must not show in the time of the answer. */
    private static boolean sameToken(String expected, String given) {
        if (given == null) return false;
        return MessageDigest.isEqual(TeacherPassword.sha256(expected), TeacherPassword.sha256(given));
    }

    private static FullHttpResponse notAllowed(String allowed) {
        FullHttpResponse r = Responses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only " + allowed + " here");
        r.headers().set(HttpHeaderNames.ALLOW, allowed);
        return r;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the console's JSON", e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException) && !(cause instanceof IOException)) {
            LOG.warn("console: closing a connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
