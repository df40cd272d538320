package org.pgaw.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.proxy.config.BackendTlsConfig;
import org.pgaw.proxy.config.BackendTlsConfig.Mode;

/** The proxy as a TLS client of PostgreSQL: require trusts anything, verify-full checks CA and host name. */
class BackendTlsTest {
    private static TestPki pki;
    private static TlsEchoServer server;
    private static EventLoopGroup group;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startBackend() throws Exception {
        pki = TestPki.create();
        TestPki.Issued cert = pki.issue(TestPki.KeyType.RSA, "db.internal", "127.0.0.1");
        var context = SslContextBuilder.forServer(cert.privateKey(), cert.chain().toArray(java.security.cert.X509Certificate[]::new))
                .build();
        server = new TlsEchoServer(() -> context);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        pki.writeCa(dir.resolve("ca.pem"));
    }

    @AfterAll
    static void stop() {
        server.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void verifyFullAcceptsTheRightNameAndIp() throws Exception {
        assertThat(handshake(verifyFull(null), "127.0.0.1")).isNull();
        assertThat(handshake(verifyFull("db.internal"), "127.0.0.1")).isNull();
    }

    @Test
    void verifyFullRefusesAWrongName() throws Exception {
        assertThat(handshake(verifyFull("wrong.internal"), "127.0.0.1"))
                .isNotNull()
                .hasStackTraceContaining("wrong.internal");
        assertThat(handshake(verifyFull(null), "localhost")).as("localhost is not in the certificate").isNotNull();
    }

    @Test
    void verifyFullRefusesAnotherCa() throws Exception {
        Path strangerCa = TestPki.create("stranger").writeCa(dir.resolve("stranger.pem"));
        BackendTls tls = BackendTls.create(new BackendTlsConfig(Mode.VERIFY_FULL, strangerCa, "db.internal"));
        assertThat(handshake(tls, "127.0.0.1")).isNotNull().hasStackTraceContaining("PKIX");
    }

    @Test
    void requireTrustsAnyCertificate() throws Exception {
        BackendTls tls = BackendTls.create(new BackendTlsConfig(Mode.REQUIRE, null, null));
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.mode()).isEqualTo(Mode.REQUIRE);
        assertThat(handshake(tls, "localhost")).isNull();
    }

    @Test
    void aHostNameSniCannotCarryStillConnects() throws Exception {
        BackendTls tls = BackendTls.create(new BackendTlsConfig(Mode.REQUIRE, null, "pg_db")); // a compose service name
        assertThat(handshake(tls, "127.0.0.1")).isNull();
    }

    @Test
    void disableMeansNoTls() {
        BackendTls tls = BackendTls.create(BackendTlsConfig.defaults());
        assertThat(tls.enabled()).isFalse();
        assertThatThrownBy(() -> tls.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT, "127.0.0.1", 5432))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verifyFullWithoutCaFileTrustsOnlyTheJvmTrustStore() throws Exception {
        BackendTls tls = BackendTls.create(new BackendTlsConfig(Mode.VERIFY_FULL, null, "db.internal"));
        assertThat(handshake(tls, "127.0.0.1")).as("the test CA is in no public trust store").isNotNull()
                .hasStackTraceContaining("PKIX");
    }

    @Test
    void verifyFullRefusesAnUnusableCaFile() {
        assertThatThrownBy(() -> BackendTls.create(new BackendTlsConfig(Mode.VERIFY_FULL, dir.resolve("none.pem"), null)))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessageContaining("none.pem does not exist");
    }

    private static BackendTls verifyFull(String serverName) {
        return BackendTls.create(new BackendTlsConfig(Mode.VERIFY_FULL, dir.resolve("ca.pem"), serverName));
    }

    /** Connects like the proxy's backend link does; returns null on success, the failure otherwise. */
    private static Throwable handshake(BackendTls tls, String host) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler handler = tls.newHandler(ch.alloc(), host, server.port());
                        handler.handshakeFuture().addListener((Future<? super Channel> f) -> outcome.complete(f.cause()));
                        ch.pipeline().addLast(handler);
                    }
                })
                .connect("127.0.0.1", server.port()).sync().channel();
        try {
            return outcome.get(10, TimeUnit.SECONDS);
        } finally {
            channel.close().sync();
        }
    }
}
