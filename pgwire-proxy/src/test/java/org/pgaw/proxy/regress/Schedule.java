package org.pgaw.proxy.regress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A pg_regress schedule: lines {@code test: a b c} (one parallel group each), {@code #} comments.
 *
 * <p>{@code -Dpgaw.regress.schedule=full} runs PostgreSQL's whole {@code parallel_schedule} (about 220 files, several
 * minutes three times over: run it by hand after changing the lexer, rewriter or gate); the default is this
 * module's {@code regress/ci_schedule}, a subset chosen to fit CI's time budget.
 */
record Schedule(String text, List<String> tests) {

    static Schedule chosen(RegressSuite suite) {
        String which = System.getProperty("pgaw.regress.schedule", "ci");
        if (which.equals("full")) return read(suite.file("parallel_schedule"));
        if (which.equals("ci")) return resource("/regress/ci_schedule");
        return read(Path.of(which));
    }

    static Schedule read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schedule resource(String name) {
        try (InputStream in = Schedule.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("test resource " + name + " is missing");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schedule parse(String text) {
        List<String> tests = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("test:")) {
                Arrays.stream(l.substring("test:".length()).trim().split("\\s+")).filter(s -> !s.isEmpty())
                        .forEach(tests::add);
            }
        }
        if (tests.isEmpty()) throw new IllegalStateException("a schedule without tests:\n" + text);
        return new Schedule(text, List.copyOf(tests));
    }

    Path writeTo(Path file) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
