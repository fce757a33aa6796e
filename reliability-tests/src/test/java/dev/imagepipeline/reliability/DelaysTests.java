package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class DelaysTests {

    @Test
    void takesTheNearestRankWhateverTheOrderTheDelaysCameIn() {
        var delays = new Delays(IntStream.rangeClosed(1, 100).map(i -> 101 - i).mapToObj(i -> (double) i).toList());

        assertThat(delays.percentile(50)).isEqualTo(50);
        assertThat(delays.percentile(95)).isEqualTo(95);
        assertThat(delays.percentile(99)).isEqualTo(99);
        assertThat(delays.percentile(100)).isEqualTo(100);
        assertThat(delays.max()).isEqualTo(100);
    }

    @Test
    void givesTheOnlyDelayForEveryPercentileAndNothingForNone() {
        assertThat(new Delays(List.of(7.0)).percentile(1)).isEqualTo(7);
        assertThat(new Delays(List.of(7.0)).percentile(99)).isEqualTo(7);
        assertThat(new Delays(List.of()).percentile(50)).isNaN();
    }
}
