package dev.imagepipeline.generation.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;

class ProvidersHealthTests {

    private final ProviderResilience resilience = new ProviderResilience(
            ProviderResilienceTests.settings(Map.of("resilience.max-attempts", "1", "resilience.window", "2",
                    "resilience.open-for", "1m", "resilience.requests-per-minute", "6000")));
    private final ImageProvider alpha = resilience.guard(new Failing("alpha"));
    private final ImageProvider beta = resilience.guard(new Failing("beta"));
    private final ProvidersHealth health = new ProvidersHealth(resilience);

    @Test
    void isUpWhileEveryCircuitIsClosed() {
        var answer = health.health();

        assertThat(answer.getStatus()).isEqualTo(Status.UP);
        assertThat(answer.getDetails()).containsEntry("open", List.of());
    }

    @Test
    void staysUpWhileOneProviderMayStillBeCalledAndNamesTheOpenOne() {
        open(alpha);

        var answer = health.health();

        assertThat(answer.getStatus()).isEqualTo(Status.UP);
        assertThat(answer.getDetails()).containsEntry("open", List.of("alpha"));
    }

    @Test
    void isDownOnceEveryProvidersCircuitIsOpen() {
        open(alpha);
        open(beta);

        var answer = health.health();

        assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
        assertThat(answer.getDetails()).containsEntry("open", List.of("alpha", "beta"));
    }

    /** Two failed calls open a circuit whose window is two calls. */
    private static void open(ImageProvider provider) {
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> provider.generate(order(), (percent, message) -> {
                    }));
        }
    }

    private static GenerationOrder order() {
        return new GenerationOrder(JobId.random(), "m", "p", "", new ModelSettings(512, 512, 1, null, null, 1), "d",
                Category.OTHER, Style.STUDIO);
    }

    private record Failing(String name) implements ImageProvider {

        @Override
        public String defaultModel() {
            return "m";
        }

        @Override
        public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
            throw new ProviderException("provider_error", "500", true);
        }
    }
}
