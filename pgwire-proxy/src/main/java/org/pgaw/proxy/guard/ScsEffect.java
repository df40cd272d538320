package org.pgaw.proxy.guard;

/**
 * What one statement does to {@code standard_conforming_strings}, as far as its tokens tell: nothing, sets it on or
 * off, or something the proxy cannot follow (RESET, a transaction end that may undo a SET, set_config with computed
 * arguments, EXECUTE/FETCH/CALL/DO running code defined elsewhere): then the value is unknown until PostgreSQL
 * reports it in a ParameterStatus.
 */
public enum ScsEffect {
    UNCHANGED, ON, OFF, UNKNOWN;

    /** The value after a statement with this effect, given the value before (null = unknown). */
    public Boolean after(Boolean before) {
        return switch (this) {
            case UNCHANGED -> before;
            case ON -> Boolean.TRUE;
            case OFF -> Boolean.FALSE;
            case UNKNOWN -> null;
        };
    }
}
