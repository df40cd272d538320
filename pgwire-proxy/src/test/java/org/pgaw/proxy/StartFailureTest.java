package org.pgaw.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pgaw.proxy.config.HostPort;
import org.pgaw.proxy.config.Sources;

/**
 * The operating system's reasons for a failed bind, as the JDK (BindException) and Netty's native transport
 * (an IOException "bind(..) failed: ...", wrapped or not) report them, each become advice; the tests run as root
 * here, so "permission denied" cannot be produced for real and is checked with the exception the JDK throws.
 */
class StartFailureTest {
    private static final HostPort AT = new HostPort("127.0.0.1", 80);
    private static final Sources FLAG = Sources.flags(List.of("listen"));

    @Test
    void aPortBelow1024ThatIsNotAllowedSaysWhyAndSuggestsTheUsualPort() {
        StartFailure f = StartFailure.cannotListen("listen", AT, new BindException("Permission denied"));
        assertThat(f.badInput()).isFalse();
        assertThat(f.explain(FLAG)).isEqualTo("cannot listen on 127.0.0.1:80 (option --listen): this user may not listen on"
                + " port 80 (ports below 1024 need root or the capability CAP_NET_BIND_SERVICE). Choose a port from 1024 up,"
                + " e.g. --listen 127.0.0.1:6432.");
    }

    @Test
    void theNativeTransportsWordsAreRecognisedInsideAWrapper() {
        IOException nativeStyle = new IOException("bind(..) failed: Address already in use");
        StartFailure f = StartFailure.cannotListen("listen", new HostPort("0.0.0.0", 6432),
                new IllegalStateException("cannot open", nativeStyle));
        assertThat(f.explain(FLAG)).startsWith("cannot listen on 0.0.0.0:6432 (option --listen): another program already"
                + " uses port 6432").endsWith("e.g. --listen 0.0.0.0:6433.");
    }

    @Test
    void anUnknownReasonStillNamesTheAddressAndTheSource() {
        StartFailure f = StartFailure.cannotListen("admin.listen", AT, new IOException("bind(..) failed: Something new"));
        assertThat(f.explain(Sources.defaults())).isEqualTo("cannot listen on 127.0.0.1:80 (admin.listen (default)):"
                + " bind(..) failed: Something new. Check the address.");
    }

    @Test
    void anExceptionWithoutWordsIsNeverShownByItsClassName() {
        StartFailure f = StartFailure.cannotListen("listen", AT, new IOException());
        assertThat(f.explain(FLAG)).doesNotContain("IOException").contains("cannot listen on 127.0.0.1:80");
    }

    @Test
    void anUnknownBackendIsBadInput() {
        StartFailure f = StartFailure.unknownHost("backend", new HostPort("db", 5432), new UnknownHostException("db"));
        assertThat(f.badInput()).isTrue();
        assertThat(f.getMessage()).isEqualTo("cannot find PostgreSQL at db:5432: the host name 'db' is not known here");
    }
}
