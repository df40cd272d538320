package org.pgaw.proxy.console;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.pgaw.proxy.config.ConsoleConfig;
import org.pgaw.proxy.ops.BoundedHttpListener;
import org.pgaw.proxy.session.ProxyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teacher's console on its own listener ({@code console.listen}), never the learners' port nor the
 * unauthenticated admin endpoint. Bounded like the admin endpoint, so it can never hurt the proxy (see
 * {@link BoundedHttpListener}): at most 32 connections, body 4 KiB, a connection silent for 30 s or older than 5 min
 * is closed.
 *
 * <p>It speaks plain HTTP. In the demo it listens on loopback and the teacher opens {@code http://localhost:PORT}
 * (browsers keep Secure cookies on localhost); in the stack nginx terminates TLS and forwards {@code /teacher/} to it
 * over the compose network. Serving TLS itself would need a certificate the browser trusts on loopback, which the
 * proxy's self-signed one is not; the cookie is Secure, HttpOnly and SameSite=Strict either way.
 */
public final class ConsoleServer {
    /** Connections at once, silence, age, request body. */
    static final BoundedHttpListener.Bounds BOUNDS =
            new BoundedHttpListener.Bounds(32, Duration.ofSeconds(30), Duration.ofMinutes(5), 4096);

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private ConsoleServer() { }

    /**
     * Binds and serves until the listener is closed.
     *
     * @throws IllegalStateException with a one-line message when the address cannot be bound or the password file
     *                               cannot be used
     */
    public static BoundedHttpListener start(ConsoleConfig config, ProxyContext px) {
        TeacherPassword password = TeacherPassword.fromFile(config.passwordFile());
        ActivityChart chart = new ActivityChart();
        ClassState state = new ClassState(px.sessions(), px.events(), chart);
        BoundedHttpListener server = BoundedHttpListener.open("teacher's console", "pgaw-console", config.listen(), BOUNDS,
                new ConsoleHandler(px.sessions(), password, state));
        // The chart's points: cheap (one snapshot of each session every 30 s) and on the console's own thread.
        server.thread().scheduleAtFixedRate(() -> {
            try {
                state.views().thenAccept(views -> chart.sample(System.currentTimeMillis(),
                        (int) views.stream().filter(v -> v.active()).count(), px.events().total()));
            } catch (RuntimeException e) { // a periodic task that throws is never run again: the chart would freeze
                LOG.warn("console: cannot sample the class for the chart: {}", e.toString());
            }
        }, 0, ActivityChart.STEP_MILLIS, TimeUnit.MILLISECONDS);
        InetSocketAddress a = server.address();
        LOG.info("teacher's console on http://{}:{}/teacher/{}", a.getAddress().getHostAddress(), a.getPort(),
                a.getAddress().isLoopbackAddress() ? "" : " (plain HTTP: publish it only through a TLS proxy such as the stack's nginx)");
        return server;
    }
}
