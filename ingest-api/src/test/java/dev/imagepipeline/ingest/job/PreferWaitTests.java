package dev.imagepipeline.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreferWaitTests {

    @Test
    void readsTheSecondsAsked() {
        assertThat(PreferWait.of("wait=10")).hasValue(Duration.ofSeconds(10));
        assertThat(PreferWait.of("respond-async, wait=5")).hasValue(Duration.ofSeconds(5));
        assertThat(PreferWait.of("Wait = \"7\"")).hasValue(Duration.ofSeconds(7));
        assertThat(PreferWait.of("wait=0")).hasValue(Duration.ZERO);
    }

    @Test
    void holdsALongerWaitToTheLongestOffered() {
        assertThat(PreferWait.of("wait=600")).hasValue(Duration.ofSeconds(60));
        assertThat(PreferWait.of("wait=999999999")).hasValue(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "respond-async", "wait", "wait=soon", "wait=-5", "wait=1.5", "handling=strict; wait=5",
            "wait=99999999999999"})
    void ignoresWhatIsNotAWaitInSeconds(String prefer) {
        assertThat(PreferWait.of(prefer)).isEmpty();
    }
}
