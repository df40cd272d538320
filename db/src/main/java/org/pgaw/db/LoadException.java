package org.pgaw.db;

/** The load failed and was rolled back: nothing of it is left in the database. The message says why and where. */
public final class LoadException extends Exception {
    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public LoadException(String message) {
        super(message);
    }
}
