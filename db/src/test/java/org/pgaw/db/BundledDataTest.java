package org.pgaw.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project carries its own AdventureWorks: every pinned file, byte-identical, nothing read outside the jar. */
class BundledDataTest {
    @Test
    void extractsEveryPinnedFileVerifiedAndNothingElse(@TempDir Path dir) throws Exception {
        BundledData.extractTo(dir);
        assertThat(BundledData.files()).hasSize(65).doesNotContainAnyElementsOf(TestData.MISSING.values());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(BundledData.files());
        }
        Checksums sums = Checksums.pinned();
        for (String f : BundledData.files()) {
            assertThat(Checksums.sha256(dir.resolve(f))).as(f).isEqualTo(sums.expected(f).orElseThrow());
        }
    }

    @Test
    void aDamagedFileInTheTargetIsReplacedAndAnIntactOneIsKept(@TempDir Path dir) throws Exception {
        BundledData.extractTo(dir);
        Files.writeString(dir.resolve("Culture.csv"), "damaged");
        var untouched = Files.getLastModifiedTime(dir.resolve("Address.csv"));
        Thread.sleep(20);
        BundledData.extractTo(dir);
        assertThat(Checksums.sha256(dir.resolve("Culture.csv"))).isEqualTo(Checksums.pinned().expected("Culture.csv").orElseThrow());
        assertThat(Files.getLastModifiedTime(dir.resolve("Address.csv"))).isEqualTo(untouched);
    }
}
