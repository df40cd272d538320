package org.pgaw.proxy.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import java.util.Random;

/**
 * Jazzer fuzz target for the client-facing decoders: the properties of {@link DecoderFuzzing} for coverage-guided
 * inputs. Run it with {@code JAZZER_FUZZ=1 ./mvnw -o -pl pgwire-proxy test -Dtest=DecoderFuzzTarget} (seeds in
 * {@code src/test/resources/org/pgaw/proxy/codec/DecoderFuzzTargetInputs}; a crash lands there as a new seed).
 * Only then: loading Jazzer's agent installs its sanitizer hooks (JDBC, regex, reflection) for the rest of the JVM,
 * which must not change what the other tests of the build see. Every build runs the same properties on 15,000
 * seeded cases in {@link DecoderPropertyTest}.
 */
@EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
class DecoderFuzzTarget {
    @FuzzTest(maxDuration = "1m")
    void decoders(FuzzedDataProvider data) {
        String which = data.pickValue(DecoderFuzzing.DECODERS);
        Random chunks = new Random(data.consumeInt());
        int largest = data.consumeInt(1, 4096);
        DecoderFuzzing.check(which, data.consumeRemainingAsBytes(), () -> 1 + chunks.nextInt(largest));
    }
}
