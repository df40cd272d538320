package org.pgaw.proxy.guard.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pgaw.proxy.guard.QuerySplit;
import org.pgaw.proxy.guard.Refusal;
import org.pgaw.proxy.guard.SqlLexer;
import org.pgaw.proxy.guard.StatementGate;
import org.pgaw.proxy.guard.StatementSpan;

/** Every line of {@code guard/gate-corpus.txt}: allowed, or refused with the expected category. */
class StatementGateCorpusTest {
    record Case(int line, String expected, String sql, List<String> widened) {
        @Override
        public String toString() {
            return "gate-corpus.txt:" + line + " [" + expected + "] " + sql
                    + (widened.isEmpty() ? "" : " allow=" + widened);
        }
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = StatementGateCorpusTest.class.getResourceAsStream("/guard/gate-corpus.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> out = new ArrayList<>();
        List<String> widened = List.of();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String l = lines[n];
            if (l.isBlank() || l.startsWith("#")) continue;
            if (l.startsWith("@allow")) {
                String rest = l.substring("@allow".length()).trim();
                widened = rest.isEmpty() ? List.of() : List.of(rest.split("\\s*,\\s*"));
                continue;
            }
            int space = l.indexOf(' ');
            out.add(new Case(n + 1, l.substring(0, space), l.substring(space + 1), widened));
        }
        return out;
    }

    static Stream<Case> all() throws IOException {
        return cases().stream();
    }

    @Test
    void corpusIsLargeAndCoversEveryCategory() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        for (GateCategory c : GateCategory.values()) {
            if (c == GateCategory.FUNCTION_CALL) continue; // a protocol message, not SQL text
            assertThat(cases).as("a refused case for " + c).anyMatch(k -> k.expected().equals(c.configName()));
        }
        assertThat(cases).filteredOn(k -> k.expected().equals("allow")).hasSizeGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void classifiesAsExpected(Case c) {
        QuerySplit split = SqlLexer.split(c.sql());
        assertThat(split.certain()).as(split.uncertainReason()).isTrue();
        assertThat(split.statements()).as("one statement per line").hasSize(1);
        StatementSpan s = split.statements().get(0);
        StatementGate gate = StatementGate.allowing(c.widened());
        Refusal r = gate.check(split.tokens(), s.firstToken(), s.endToken());
        GateFinding f = StatementClassifier.classify(split.tokens(), s.firstToken(), s.endToken(),
                categories(c.widened()));
        if (c.expected().equals("allow")) {
            assertThat(r).as("refusal").isNull();
            assertThat(f).isNull();
        } else {
            assertThat(f).as("finding").isNotNull();
            assertThat(f.category().configName()).isEqualTo(c.expected());
            assertThat(r).as("refusal").isNotNull();
            assertThat(r.sqlState()).isEqualTo(f.category() == GateCategory.UNKNOWN ? "42601" : "42501");
            assertThat(r.message()).startsWith("pgaw: ").doesNotContain("\n").hasSizeLessThan(300);
        }
    }

    private static java.util.Set<GateCategory> categories(List<String> names) {
        java.util.Set<GateCategory> s = java.util.EnumSet.noneOf(GateCategory.class);
        for (String n : names) s.add(GateCategory.byConfigName(n));
        return s;
    }
}
