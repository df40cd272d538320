package org.pgaw.proxy.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static HttpRequest withRealIp(String value) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/teacher/login");
        if (value != null) r.headers().set(ClientAddress.HEADER, value);
        return r;
    }

    @Test
    void theHeaderIsBelievedOnlyFromLoopbackOrPrivatePeers() {
        assertThat(ClientAddress.of(new InetSocketAddress("127.0.0.1", 1), withRealIp("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(new InetSocketAddress("172.18.0.5", 1), withRealIp("2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(ClientAddress.of(new InetSocketAddress("8.8.8.8", 1), withRealIp("203.0.113.7"))).isEqualTo("8.8.8.8");
        assertThat(ClientAddress.of(new InetSocketAddress("127.0.0.1", 1), withRealIp(null))).isEqualTo("127.0.0.1");
    }

    @Test
    void anythingButAnAddressLiteralIsIgnored() {
        for (String bad : new String[] {"", "evil.example", "1.2.3.4 FAKE", "1.2.3.4, 5.6.7.8", "x".repeat(60)}) {
            assertThat(ClientAddress.of(new InetSocketAddress("127.0.0.1", 1), withRealIp(bad))).as(bad).isEqualTo("127.0.0.1");
        }
    }
}
