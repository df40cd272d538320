package org.pgaw.proxy.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Promise R against a lexer that reads bytes differently from PostgreSQL: client encodings whose multibyte characters
 * have 0x5C (backslash) as a second byte. In {@code E'<lead 0x5C>' OR name = ' LIMIT 1 --'} PostgreSQL sees one
 * character and no LIMIT; a byte-wise lexer sees an escaped quote and a LIMIT 1. The guarded session must either
 * refuse the encoding with a clear ERROR or cap the result anyway.
 */
class EncodingAttackTest {

    @ParameterizedTest(name = "{0} lead byte {1}")
    @CsvSource({"SJIS, 0x95", "BIG5, 0xA4", "GBK, 0x81", "GB18030, 0x81", "JOHAB, 0x84"})
    void aBackslashSecondByteDoesNotHideTheRestFromTheCap(String encoding, String lead) throws Exception {
        try (Wire w = Wire.learner()) {
            List<Result> all = new ArrayList<>(w.simple("SET client_encoding = '" + encoding + "'"));
            boolean refused = all.stream().anyMatch(Result::isError);
            ByteArrayOutputStream q = new ByteArrayOutputStream();
            q.writeBytes("SELECT * FROM atk.customer WHERE name <> E'".getBytes(StandardCharsets.US_ASCII));
            q.write(Integer.decode(lead));
            q.write(0x5C);
            q.writeBytes("' OR name = ' LIMIT 1 --'".getBytes(StandardCharsets.US_ASCII));
            all.addAll(w.send(Pg.queryBytes(q.toByteArray())).untilReady());
            Promises.withinLimits(encoding, all);
            if (!refused && all.stream().noneMatch(Result::isError)) {
                Promises.cappedWithNotice(encoding + " accepted, so the SELECT must be capped", all);
            } else if (refused) {
                assertThat(all.get(0).error().get('M')).as("a clear message about the client encoding")
                        .containsIgnoringCase("encoding");
            }
            w.simple("RESET client_encoding");
            Promises.alive(encoding, w);
        }
    }
}
