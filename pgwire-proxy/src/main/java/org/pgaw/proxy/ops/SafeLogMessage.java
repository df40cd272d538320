package org.pgaw.proxy.ops;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The message of a log line with every character that could end the line or steer a terminal written as an escape
 * ({@code \x0a}, {@code \x1b}, {@code \u2028}). Log messages carry text a client chose: application_name, the
 * database name, the user name of a StartupMessage. Written raw, a learner's {@code application_name} of
 * {@code "psql\n2026-12-06T13:20:00Z INFO ... guard refused user=learner2"} forged a log line blaming another
 * learner, and escape codes reached the teacher's terminal (PostgreSQL itself cleans the same name). Replacing
 * logback's {@code %msg} (and {@code %m}, {@code %message}) makes every message safe, whoever logs it; stack
 * traces ({@code %ex}) are printed apart and keep their lines.
 */
public final class SafeLogMessage extends ClassicConverter {
    private static final String[] WORDS = {"msg", "m", "message"};

    @Override
    public String convert(ILoggingEvent event) {
        return escape(event.getFormattedMessage());
    }

    /** Makes {@code %msg} in every pattern of {@code context} built from now on escape its message. Idempotent. */
    @SuppressWarnings("unchecked")
    public static synchronized void install(Context context) {
        Object registry = context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        Map<String, Supplier<DynamicConverter>> rules;
        if (registry instanceof Map<?, ?> existing) {
            rules = (Map<String, Supplier<DynamicConverter>>) existing;
        } else {
            rules = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
        }
        for (String word : WORDS) rules.put(word, SafeLogMessage::new);
    }

    /** {@code text} with control, line-separating and bidirectional-override characters escaped; null stays null. */
    public static String escape(String text) {
        if (text == null) return null;
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c <= 0xFF) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /**
     * C0 and C1 controls and DEL (line ends, terminal escapes; 0x9b is a one-byte CSI), Unicode's line and paragraph
     * separators, and the bidirectional overrides and isolates that make a line read differently than it is.
     */
    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
