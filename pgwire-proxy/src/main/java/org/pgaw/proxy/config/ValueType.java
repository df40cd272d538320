package org.pgaw.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one kind of setting is written as text (a YAML scalar, an environment variable, a flag) and printed back.
 * Parsers throw {@link IllegalArgumentException} with a message that reads after the setting's name.
 *
 * @param label     what the value looks like, shown in --help (HOST:PORT, N, SIZE, ...)
 * @param parser    text → value; "" means "none" for the nullable types
 * @param formatter value → a YAML-friendly value (String, Number, Boolean, List or null)
 */
public record ValueType(String label, Function<String, Object> parser, Function<Object, Object> formatter) {
    private static final int MAX_TEXT = 1024;
    private static final int MAX_LIST = 256;

    public Object parse(String text) {
        if (text != null && text.length() > MAX_TEXT) throw new IllegalArgumentException("is longer than " + MAX_TEXT + " characters");
        return parser.apply(text == null ? "" : text);
    }

    public Object format(Object value) {
        return value == null ? null : formatter.apply(value);
    }

    public static final ValueType HOST_PORT = new ValueType("HOST:PORT", HostPort::parse, Object::toString);

    /** A host:port, or {@code off} (or empty) for "not at all". */
    public static final ValueType HOST_PORT_OR_OFF = new ValueType("HOST:PORT|off",
            t -> t.isBlank() || t.trim().equalsIgnoreCase("off") ? null : HostPort.parse(t),
            Object::toString);

    /** host:port entries: comma-separated in the environment or a flag, a YAML sequence in the file; none = empty. */
    public static final ValueType HOST_PORT_LIST = new ValueType("HOST:PORT,...",
            t -> hostPortList(Arrays.asList(t.split(",", -1))),
            v -> ((List<?>) v).stream().map(Object::toString).toList());

    public static final ValueType INT = new ValueType("N", ValueType::parseInt, v -> v);

    public static final ValueType SIZE_INT = new ValueType("SIZE", t -> {
        long n = Units.parseSize(t);
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("'" + t.trim() + "' is larger than 2GiB-1, the most this setting takes");
        return (int) n;
    }, v -> Units.formatSize(((Number) v).longValue()));

    public static final ValueType SIZE_LONG = new ValueType("SIZE", Units::parseSize,
            v -> Units.formatSize(((Number) v).longValue()));

    public static final ValueType DURATION = new ValueType("DURATION", Units::parseDuration,
            v -> Units.formatDuration((Duration) v));

    public static final ValueType BOOLEAN = new ValueType("true|false", t -> {
        String s = t.trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) return Boolean.TRUE;
        if (s.equals("false")) return Boolean.FALSE;
        throw new IllegalArgumentException("'" + t.trim() + "' is not true or false");
    }, v -> v);

    /** A file path, or empty for none. */
    public static final ValueType PATH = new ValueType("FILE", t -> t.isBlank() ? null : Path.of(t.trim()), Object::toString);

    /** Text, or empty for none. */
    public static final ValueType TEXT = new ValueType("TEXT", t -> t.isBlank() ? null : t.trim(), v -> v);

    /** Comma-separated in the environment or a flag; a YAML sequence in the file. */
    public static final ValueType TEXT_LIST = new ValueType("A,B,...", t -> textList(Arrays.asList(t.split(",", -1))), v -> v);

    /** The entries of a list, trimmed, blanks dropped; a YAML sequence comes here directly, so an entry may hold a comma. */
    static List<String> textList(List<String> entries) {
        if (entries.size() > MAX_LIST) throw new IllegalArgumentException("has more than " + MAX_LIST + " entries");
        List<String> items = new ArrayList<>();
        for (String e : entries) {
            if (e.length() > MAX_TEXT) throw new IllegalArgumentException("has an entry longer than " + MAX_TEXT + " characters");
            if (!e.isBlank()) items.add(e.trim());
        }
        return List.copyOf(items);
    }

    static List<HostPort> hostPortList(List<String> entries) {
        return textList(entries).stream().map(HostPort::parse).toList();
    }

    /** Lower-case names with dashes (verify-full); underscores and any case are accepted too. */
    public static <E extends Enum<E>> ValueType enumOf(Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(ValueType::enumName).collect(Collectors.joining("|"));
        return new ValueType(names, t -> {
            String s = t.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(s)) return e;
            }
            throw new IllegalArgumentException("'" + t.trim() + "' is not one of " + names.replace("|", ", "));
        }, v -> enumName((Enum<?>) v));
    }

    /** One of a fixed set of words, kept as the lower-case word. */
    public static ValueType oneOf(String... words) {
        List<String> allowed = List.of(words);
        return new ValueType(String.join("|", words), t -> {
            String s = t.trim().toLowerCase(Locale.ROOT);
            if (allowed.contains(s)) return s;
            throw new IllegalArgumentException("'" + t.trim() + "' is not one of " + String.join(", ", words));
        }, v -> v);
    }

    static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Object parseInt(String t) {
        try {
            return Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t.trim() + "' is not a whole number");
        }
    }
}
