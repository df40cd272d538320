package org.pgaw.proxy.demo;

/** A problem the person running the demo can fix; the message says what happened and what to do. */
public final class DemoException extends Exception {
    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }

    public DemoException(String message) {
        super(message);
    }
}
