/**
 * TLS for the proxy.
 *
 * <ul>
 *   <li>{@link org.pgaw.proxy.tls.ServerTls}: the certificate shown to clients, loaded from PEM files laid out like
 *       Let's Encrypt's (or self-signed when none is configured), reloaded when the files change.</li>
 *   <li>{@link org.pgaw.proxy.tls.BackendTls}: TLS from the proxy to PostgreSQL (disable / require / verify-full).</li>
 * </ul>
 *
 * Only TLS 1.2 and 1.3 are ever enabled. Server contexts negotiate ALPN {@code postgresql} when the client offers it
 * (PostgreSQL 17's direct TLS requires it) and still complete handshakes with clients that send no ALPN (libpq 16 and older).
 */
package org.pgaw.proxy.tls;
