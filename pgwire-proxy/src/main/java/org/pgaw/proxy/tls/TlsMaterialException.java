package org.pgaw.proxy.tls;

/**
 * A certificate or key file that cannot be used. The message is written for the operator who has to fix the file:
 * it names the file and says what is wrong, so it is logged as is, without a stack trace.
 */
public final class TlsMaterialException extends RuntimeException {
    public TlsMaterialException(String message) {
        super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
