package org.pgaw.db;

/** Strict hex text (no prefix, even length) as found in the upstream binary columns. */
public final class Hex {
    private Hex() { }

    public static byte[] decode(String hex) {
        validate(hex);
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((Character.digit(hex.charAt(2 * i), 16) << 4) | Character.digit(hex.charAt(2 * i + 1), 16));
        }
        return out;
    }

    /** Throws with the position of the first problem, so a bad file line can be reported precisely. */
    public static void validate(String hex) {
        if ((hex.length() & 1) != 0) throw new IllegalArgumentException("hex value has an odd number of digits (" + hex.length() + ")");
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0 || hex.charAt(i) > 'f') {
                throw new IllegalArgumentException("hex value has a non-hex character at position " + (i + 1));
            }
        }
    }
}
