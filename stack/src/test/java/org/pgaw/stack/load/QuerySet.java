package org.pgaw.stack.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A bundled set of statements (a resource of this package: one statement per paragraph, -- comments). */
final class QuerySet {
    static final QuerySet PRACTICE = load("practice-queries.sql");
    static final QuerySet MISBEHAVING = load("misbehaving-queries.sql");

    private final List<String> statements;

    private QuerySet(List<String> statements) {
        this.statements = List.copyOf(statements);
    }

    List<String> all() {
        return statements;
    }

    String random() {
        return statements.get(ThreadLocalRandom.current().nextInt(statements.size()));
    }

    /** The first statement: for the misbehaving set, the cross join counted. */
    String first() {
        return statements.get(0);
    }

    static QuerySet load(String resource) {
        try (InputStream in = QuerySet.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.strip().startsWith("--")) continue;
                if (line.isBlank()) {
                    if (!current.isEmpty()) out.add(current.toString().strip());
                    current.setLength(0);
                } else {
                    current.append(line).append('\n');
                }
            }
            if (!current.isEmpty()) out.add(current.toString().strip());
            return new QuerySet(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
