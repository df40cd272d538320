package org.pgaw.proxy.console;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The teacher's logged-in browsers: a random cookie value (256 bits) names each, with its own CSRF token for the
 * actions. Only the cookie's SHA-256 is stored, so the table itself holds nothing a reader could replay. At most
 * {@value #MAX_LOGINS} at once (the oldest is logged out), each for {@link #LIFETIME_MILLIS}.
 */
final class ConsoleLogins {
    static final int MAX_LOGINS = 16;
    static final long LIFETIME_MILLIS = 12 * 3600_000L;
    static final String COOKIE = "pgaw_teacher";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Login> logins = new HashMap<>();

    /** One logged-in browser; {@code cookie} is known only at its creation. */
    record Login(String cookie, String csrf, long expires) { }

    synchronized Login create(long now) {
        logins.values().removeIf(l -> l.expires <= now);
        if (logins.size() >= MAX_LOGINS) {
            String oldest = logins.entrySet().stream().min((a, b) -> Long.compare(a.getValue().expires, b.getValue().expires))
                    .orElseThrow().getKey();
            logins.remove(oldest);
        }
        Login l = new Login(token(), token(), now + LIFETIME_MILLIS);
        logins.put(key(l.cookie()), new Login(null, l.csrf(), l.expires()));
        return l;
    }

    /** The login a cookie value names, or null (unknown, forged or expired). */
    synchronized Login find(String cookie, long now) {
        if (cookie == null || cookie.length() != 43) return null;
        Login l = logins.get(key(cookie));
        if (l == null) return null;
        if (l.expires() <= now) {
            logins.remove(key(cookie));
            return null;
        }
        return l;
    }

    synchronized void remove(String cookie) {
        if (cookie != null) logins.remove(key(cookie));
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String key(String cookie) {
        return HexFormat.of().formatHex(TeacherPassword.sha256(cookie));
    }
}
