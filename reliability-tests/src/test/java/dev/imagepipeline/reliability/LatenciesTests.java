package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LatenciesTests {

    @Test
    void takesTheNearestRankWhateverTheOrderTheDelaysCameIn() {
        var delays = new Latencies(IntStream.rangeClosed(1, 100).map(i -> 101 - i).mapToObj(i -> (double) i).toList());

        assertThat(delays.p(0.50)).isEqualTo(50);
        assertThat(delays.p(0.95)).isEqualTo(95);
        assertThat(delays.p(0.99)).isEqualTo(99);
        assertThat(delays.p(1.0)).isEqualTo(100);
        assertThat(delays.max()).isEqualTo(100);
    }

    @Test
    void givesTheOnlyDelayForEveryPercentileAndNothingForNone() {
        assertThat(new Latencies(List.of(7.0)).p(0.01)).isEqualTo(7);
        assertThat(new Latencies(List.of(7.0)).p(0.99)).isEqualTo(7);
        assertThat(new Latencies(List.of()).p(0.50)).isNaN();
    }
}
