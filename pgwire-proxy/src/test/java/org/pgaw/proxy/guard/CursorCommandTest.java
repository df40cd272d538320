package org.pgaw.proxy.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FETCH / MOVE as PostgreSQL reads them: every form of fetch_args, normalised as the executor normalises them. */
class CursorCommandTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        FETCH c                                  | false | FORWARD  | 1                   | c
        FETCH NEXT FROM c                        | false | FORWARD  | 1                   | c
        fetch prior in C                         | false | BACKWARD | 1                   | c
        FETCH FIRST c                            | false | ABSOLUTE | 1                   | c
        FETCH LAST FROM c                        | false | ABSOLUTE | -1                  | c
        FETCH ABSOLUTE 5 FROM c                  | false | ABSOLUTE | 5                   | c
        FETCH ABSOLUTE -2 FROM c                 | false | ABSOLUTE | -2                  | c
        FETCH RELATIVE 0 FROM c                  | false | RELATIVE | 0                   | c
        FETCH RELATIVE -3 c                      | false | RELATIVE | -3                  | c
        FETCH 600 FROM c                         | false | FORWARD  | 600                 | c
        FETCH -5 FROM c                          | false | BACKWARD | 5                   | c
        FETCH +5 c                               | false | FORWARD  | 5                   | c
        FETCH ALL IN c                           | false | FORWARD  | 9223372036854775807 | c
        FETCH FORWARD c                          | false | FORWARD  | 1                   | c
        FETCH FORWARD 1001 FROM "CURSOR:CONN:1"  | false | FORWARD  | 1001                | CURSOR:CONN:1
        FETCH FORWARD ALL FROM c                 | false | FORWARD  | 9223372036854775807 | c
        FETCH FORWARD -2 FROM c                  | false | BACKWARD | 2                   | c
        FETCH BACKWARD 300 FROM c                | false | BACKWARD | 300                 | c
        FETCH BACKWARD ALL FROM c                | false | BACKWARD | 9223372036854775807 | c
        MOVE ABSOLUTE 0 IN c                     | true  | ABSOLUTE | 0                   | c
        MOVE 0x10 IN c                           | true  | FORWARD  | 16                  | c
        FETCH 1_000 FROM c;                      | false | FORWARD  | 1000                | c
        FETCH NEXT FROM U&"d!0061t" UESCAPE '!'  | false | FORWARD  | 1                   | dat
        /* x */ FETCH -- y\\n NEXT FROM next      | false | FORWARD  | 1                   | next
        """)
    void readsEveryForm(String sql, boolean move, CursorCommand.Direction direction, long count, String cursor) {
        CursorCommand c = CursorCommand.parse(sql.replace("\\n", "\n"));
        assertThat(c).as(sql).isEqualTo(new CursorCommand(move, direction, count, cursor));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FETCH", "FETCH NEXT", "FETCH 10", "FETCH FROM", "FETCH 3000000000 FROM c",
        "FETCH ABSOLUTE FROM c", "FETCH c d", "FETCH select", "SELECT 1", "FETCH c; FETCH d", "FETCH 1.5 FROM c",
        "MOVE ALL ALL"})
    void rejectsWhatPostgresqlRejects(String sql) {
        assertThat(CursorCommand.parse(sql)).as(sql).isNull();
    }
}
