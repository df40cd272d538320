package org.pgaw.proxy.config;

/**
 * Bad configuration input: the message is one line meant for the operator (it names the key, the variable or the
 * flag and what is wrong), so the command line prints it as is and exits with code 2, never a stack trace.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
