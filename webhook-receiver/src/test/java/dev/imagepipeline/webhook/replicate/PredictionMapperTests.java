package dev.imagepipeline.webhook.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import tools.jackson.databind.json.JsonMapper;

class PredictionMapperTests {

    private static final JobId JOB = new JobId(UUID.fromString("0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:30Z");

    private final PredictionMapper mapper = new PredictionMapper(JsonMapper.builder().build(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Nested
    class Succeeded {

        @Test
        void publishesEveryOutputUrlOfAList() {
            assertThat(map("prediction-succeeded.json")).isEqualTo(new GenerationSucceeded(JOB,
                    Instant.parse("2026-01-01T00:00:01.500Z"), "replicate", "black-forest-labs/flux-schnell", 424242,
                    List.of(new GeneratedImage("https://replicate.delivery/xezq/example-out-0.webp", 0, 0, "image/webp",
                            Instant.parse("2026-01-01T01:00:01.500Z"))),
                    List.of()));
        }

        @Test
        void publishesTheSingleUrlThatFlux11ProReturns() {
            assertThat(map("prediction-succeeded-flux-1.1-pro.json")).isEqualTo(new GenerationSucceeded(JOB,
                    Instant.parse("2026-01-01T00:00:04.900Z"), "replicate", "black-forest-labs/flux-1.1-pro", 0,
                    List.of(new GeneratedImage("https://replicate.delivery/czjl/example-single-output.jpg", 0, 0,
                            "image/jpeg", Instant.parse("2026-01-01T01:00:04.900Z"))),
                    List.of()));
        }

        @Test
        void warnsWhenTheSafetyCheckerDroppedImages() {
            var event = (GenerationSucceeded) map("prediction-succeeded-partial-nsfw.json");

            assertThat(event.images()).extracting(GeneratedImage::url)
                    .containsExactly("https://replicate.delivery/xezq/example-out-1.webp");
            assertThat(event.warnings()).containsExactly(
                    "asked for 2 images, the provider returned 1 (the safety checker drops flagged images)");
        }

        @Test
        void takesSeedAndSizeFromTheInputWhenTheLogsHaveNoSeed() {
            var event = (GenerationSucceeded) map("""
                    {"status": "succeeded", "model": "stability-ai/sdxl", "logs": "",
                     "input": {"seed": 7, "width": 768, "height": 1024, "num_outputs": 1},
                     "output": ["https://replicate.delivery/a/out-0.png?download=1"],
                     "completed_at": "2026-01-01T00:00:10Z"}
                    """);

            assertThat(event.seed()).isEqualTo(7);
            assertThat(event.images())
                    .containsExactly(new GeneratedImage("https://replicate.delivery/a/out-0.png?download=1", 768, 1024,
                            "image/png", Instant.parse("2026-01-01T01:00:10Z")));
        }

        @Test
        void countsAsDoneWhenTheCallbackArrivesIfCompletedAtIsMissing() {
            var event = (GenerationSucceeded) map(ReplicateFixtures.VECTOR.get("body").stringValue());

            assertThat(event.at()).isEqualTo(NOW);
            assertThat(event.model()).isEqualTo("unknown");
            assertThat(event.images()).singleElement()
                    .extracting(GeneratedImage::expiresAt)
                    .isEqualTo(NOW.plus(PredictionMapper.OUTPUT_LIFETIME));
        }

        @Test
        void failsTheJobWhenNoImageCameBack() {
            assertThat(map("""
                    {"status": "succeeded", "output": null, "data_removed": true,
                     "completed_at": "2026-01-01T00:00:10Z"}
                    """)).isInstanceOfSatisfying(GenerationFailed.class,
                    failed -> assertThat(failed.reason()).isEqualTo("provider_error"));
        }

        @ParameterizedTest
        @CsvSource({"https://x.test/a.webp, image/webp", "https://x.test/a.PNG, image/png",
                "https://x.test/a.jpg, image/jpeg", "https://x.test/a.jpeg#frag, image/jpeg",
                "https://x.test/a.webp?x=.png, image/webp", "https://x.test/a.gif, application/octet-stream"})
        void guessesTheContentTypeFromTheExtension(String url, String contentType) {
            assertThat(PredictionMapper.contentType(url)).isEqualTo(contentType);
        }
    }

    @Nested
    class Ended {

        @Test
        void reportsAFailureWithTheProvidersError() {
            assertThat(map("prediction-failed.json")).isEqualTo(new GenerationFailed(JOB,
                    Instant.parse("2026-01-01T00:00:03.800Z"), "provider_error",
                    "All generated images contained NSFW content. Try running it again with a different prompt."));
        }

        @Test
        void reportsACancelAtTheProvider() {
            assertThat(map("prediction-canceled.json")).isEqualTo(
                    new JobCanceled(JOB, Instant.parse("2026-01-01T00:00:12.123456Z"), "canceled at the provider"));
        }

        @Test
        void reportsAnAbortedPredictionAsAFailure() {
            assertThat(map("prediction-aborted.json")).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
                assertThat(failed.at()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
                assertThat(failed.reason()).isEqualTo("provider_aborted");
                assertThat(failed.message()).contains("before it started");
            });
        }
    }

    @Nested
    class Running {

        @Test
        void reportsAStartingPredictionAtZeroPercent() {
            assertThat(map("prediction-starting.json"))
                    .isEqualTo(new GenerationProgressed(JOB, NOW, 0, "Replicate is starting the model"));
        }

        @Test
        void reportsTheLastPercentageOfTheProgressBar() {
            assertThat(map("prediction-processing.json"))
                    .isEqualTo(new GenerationProgressed(JOB, NOW, 50, "Replicate is generating the images"));
            assertThat(map("""
                    {"status": "processing", "logs": "Using seed: 1\\n 25%|##  | 1/4\\n 75%|### | 3/4"}
                    """)).extracting(event -> ((GenerationProgressed) event).percent()).isEqualTo(75);
        }

        @Test
        void reportsHalfwayWhenTheLogsShowNoProgress() {
            assertThat(map("""
                    {"status": "processing", "logs": "loading weights"}
                    """)).extracting(event -> ((GenerationProgressed) event).percent()).isEqualTo(50);
        }
    }

    @Nested
    class Unexpected {

        @Test
        void ignoresAStatusItDoesNotKnow() {
            assertThat(mapper.map(JOB, utf8("{\"status\": \"rebooting\"}"))).isEmpty();
        }

        @Test
        void refusesABodyThatIsNotAPrediction() {
            for (String body : List.of("", "not json", "null", "[1, 2]", "{\"output\": []}",
                    "{\"status\": \"succeeded\", \"completed_at\": \"yesterday\"}")) {
                assertThatExceptionOfType(UnreadablePredictionException.class).as(body)
                        .isThrownBy(() -> mapper.map(JOB, utf8(body)));
            }
        }
    }

    private JobEvent map(String fixtureOrJson) {
        byte[] body = fixtureOrJson.endsWith(".json") ? ReplicateFixtures.bytes(fixtureOrJson) : utf8(fixtureOrJson);
        return mapper.map(JOB, body).orElseThrow();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
