package org.pgaw.proxy.testing;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Seeded property tests in plain JUnit: a property is checked on inputs drawn from one {@link SplittableRandom}, so
 * every run tries the same inputs, and {@code -Dpgaw.property.seed=N} explores others. A failure names the property,
 * the try, the seed and the input, which is all it takes to reproduce it. There is no shrinking: keep generators
 * small enough that a failing input can be read as it is.
 */
public final class SeededTries {
    public static final String SEED_PROPERTY = "pgaw.property.seed";
    public static final long DEFAULT_SEED = 20261206L;

    private SeededTries() { }

    /** The seed: {@link #DEFAULT_SEED} unless the system property names another; anything but a number is refused. */
    public static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        if (value == null) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            // A typo must not quietly run the default seed while the tester believes another one ran.
            throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a whole number, was '" + value + "'", e);
        }
    }

    /**
     * Checks {@code property} on {@code tries} inputs drawn in turn by {@code generator}; stops at the first failure,
     * an assertion or any exception, and rethrows it as an {@link AssertionError} saying how to reproduce it.
     */
    public static <T> void forAll(String property, int tries, Function<SplittableRandom, T> generator,
            ThrowingConsumer<T> check) {
        long seed = seed();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 1; i <= tries; i++) {
            T input = generator.apply(random);
            try {
                check.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError(property + " failed on try " + i + " of " + tries + " with -D" + SEED_PROPERTY
                        + "=" + seed + ", input " + quoted(input) + ": " + failure, failure);
            }
        }
    }

    /** One of {@code options}, uniformly. */
    @SafeVarargs
    public static <T> T pick(RandomGenerator random, T... options) {
        return options[random.nextInt(options.length)];
    }

    /** Strings as Java literals, so a failing input with newlines or quotes can be pasted into a test as it is. */
    private static String quoted(Object input) {
        if (!(input instanceof String s)) {
            return String.valueOf(input);
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
