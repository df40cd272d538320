package org.pgaw.proxy.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated byte streams, fed in random chunks down to single bytes, through every client-facing decoder
 * ({@link DecoderFuzzing} says what must hold). Seeded: a failure names its seed and reproduces. Half the cases
 * start from valid protocol (startup packets, authentication replies, queries, parses, long messages) and mutate a
 * few bytes, which reaches deeper than noise.
 */
class DecoderPropertyTest {
    private static final int CASES_PER_DECODER = 3000;

    @Test
    void noInputMakesADecoderThrowLeakOrEmitMalformedFrames() {
        for (String which : DecoderFuzzing.DECODERS) {
            for (int seed = 0; seed < CASES_PER_DECODER; seed++) {
                Random r = new Random(seed * 31L + which.hashCode());
                byte[] input = r.nextBoolean() ? noise(r) : mutate(r, valid(r, which));
                try {
                    DecoderFuzzing.check(which, input, () -> r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(r.nextBoolean() ? 8 : 4096));
                } catch (AssertionError e) {
                    throw new AssertionError(which + " decoder, seed " + seed + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static byte[] noise(Random r) {
        byte[] b = new byte[r.nextInt(r.nextBoolean() ? 64 : 8192)];
        r.nextBytes(b);
        if (b.length > 5 && r.nextBoolean()) {
            // A plausible tag and a small length make the decoder go further than pure noise.
            b[0] = (byte) "QPBEXSCDHFcdfpRKZT".charAt(r.nextInt(18));
            ByteBuffer.wrap(b, 1, 4).putInt(4 + r.nextInt(Math.max(1, b.length)));
        }
        return b;
    }

    /** A valid stream for the decoder: some messages of the kinds it meets. */
    private static byte[] valid(Random r, String which) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int messages = 1 + r.nextInt(6);
        for (int i = 0; i < messages; i++) {
            switch (which) {
                case "startup" -> out.writeBytes(r.nextBoolean() ? startup(r) : ByteBuffer.allocate(8).putInt(8)
                        .putInt(r.nextBoolean() ? 80877103 : 80877104).array());
                case "authentication" -> out.writeBytes(message('p', r.nextInt(r.nextInt(10) == 0 ? 70_000 : 200)));
                default -> out.writeBytes(message("QPBESCDdHXR".charAt(r.nextInt(11)), r.nextInt(r.nextInt(5) == 0 ? 6000 : 100)));
            }
        }
        return out.toByteArray();
    }

    private static byte[] startup(Random r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[8]);
        for (String s : new String[] {"user", "learner" + r.nextInt(9), "database", "adventureworks"}) {
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        b.write(0);
        byte[] p = b.toByteArray();
        ByteBuffer.wrap(p).putInt(p.length).putInt(196608);
        return p;
    }

    private static byte[] message(char tag, int bodyLength) {
        byte[] m = new byte[5 + bodyLength];
        ByteBuffer.wrap(m).put((byte) tag).putInt(bodyLength + 4);
        for (int i = 5; i < m.length; i++) m[i] = (byte) ('a' + i % 26);
        return m;
    }

    private static byte[] mutate(Random r, byte[] b) {
        if (b.length == 0) return b;
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                default -> b[at] = (byte) (r.nextBoolean() ? 0 : 0xff);
            }
        }
        return r.nextInt(5) == 0 ? java.util.Arrays.copyOf(b, r.nextInt(b.length)) : b;
    }
}
