package org.pgaw.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durationsAsOperatorsWriteThem() {
        assertThat(Units.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Units.parseDuration(" 5m ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Units.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Units.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.parseDuration("2D")).isEqualTo(Duration.ofDays(2));
        assertThat(Units.parseDuration("0")).isZero();
    }

    @Test
    void durationsWithoutUnitOrGarbageAreRefused() {
        assertThatThrownBy(() -> Units.parseDuration("30")).hasMessageContaining("'30' is not a duration");
        assertThatThrownBy(() -> Units.parseDuration("30 s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Units.parseDuration("-5s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Units.parseDuration("s")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Units.parseDuration("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Units.parseDuration("400d")).hasMessageContaining("366 days");
        assertThatThrownBy(() -> Units.parseDuration("9".repeat(100) + "s")).hasMessageContaining("too long");
    }

    @Test
    void durationsPrintShortestAndParseBack() {
        assertThat(Units.formatDuration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Units.formatDuration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Units.formatDuration(Duration.ofSeconds(5430))).isEqualTo("1h30m30s");
        assertThat(Units.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Units.formatDuration(Duration.ZERO)).isEqualTo("0s");
        for (Duration d : new Duration[] {Duration.ofDays(3).plusSeconds(7), Duration.ofMillis(1), Duration.ofHours(25)}) {
            assertThat(Units.parseDuration(Units.formatDuration(d))).isEqualTo(d);
        }
    }

    @Test
    void sizesAreBinaryWhicheverSpelling() {
        assertThat(Units.parseSize("65536")).isEqualTo(65536);
        assertThat(Units.parseSize("64KiB")).isEqualTo(64 * 1024);
        assertThat(Units.parseSize("64kB")).isEqualTo(64 * 1024);
        assertThat(Units.parseSize("64 MiB")).isEqualTo(64L << 20);
        assertThat(Units.parseSize("1gib")).isEqualTo(1L << 30);
        assertThat(Units.parseSize("0")).isZero();
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> Units.parseSize("64 parsecs")).hasMessageContaining("'64 parsecs' is not a size");
        assertThatThrownBy(() -> Units.parseSize("1.5MiB")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Units.parseSize("-1")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Units.parseSize("99999999999TiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Units.parseSize("99999999999999999999")).hasMessageContaining("not a size");
    }

    @Test
    void sizesPrintInTheLargestExactUnit() {
        assertThat(Units.formatSize(64L << 20)).isEqualTo("64MiB");
        assertThat(Units.formatSize(256 * 1024)).isEqualTo("256KiB");
        assertThat(Units.formatSize(1000)).isEqualTo("1000");
        assertThat(Units.formatSize(0)).isEqualTo("0");
        assertThat(Units.formatSize(3L << 40)).isEqualTo("3TiB");
    }
}
