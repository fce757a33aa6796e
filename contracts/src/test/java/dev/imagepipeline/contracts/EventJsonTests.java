package dev.imagepipeline.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.json.JsonMapper;

class EventJsonTests {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final JobId JOB = new JobId(UUID.fromString("0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
    private static final Instant AT = Instant.parse("2026-11-27T10:15:32Z");

    /** The record of an image whose near-white background was snapped to white. */
    static final ImageRecord RECORD = new ImageRecord("ceramic pour-over coffee dripper, matte black",
            Category.KITCHENWARE, Style.WHITE_BACKGROUND, Marketplace.AMAZON_MAIN, true, "local", "preview",
            "Professional product photography of ceramic pour-over coffee dripper, matte black, pure white background",
            "text overlay, props", new ModelSettings(1024, 1024, 2, 7.5, 30, 42),
            Map.of("width", 1024, "height", 1024, "seed", 42), 0, List.of("model preview ignores the negative prompt"),
            new ComplianceResult(ComplianceCheck.of(Marketplace.AMAZON_MAIN, 1024, 1024,
                    List.of(RuleResult.judge(Rule.BACKGROUND, 0.12, 0.99, null,
                            "12% of the border is pure white; at least 99% must be", Map.of("max_deviation", 7.0)))),
                    List.of(new AppliedFix(AppliedFix.Kind.SNAP_BACKGROUND, "background", 0.12, 1.0,
                            "made the near-white background reached from the border pure white")),
                    List.of(),
                    ComplianceCheck.of(Marketplace.AMAZON_MAIN, 1024, 1024,
                            List.of(RuleResult.judge(Rule.BACKGROUND, 1.0, 0.99, null, "the whole border is pure white",
                                    Map.of())))),
            new Cost(BigDecimal.ZERO, "local/preview: 1 image of 1024x1024 at 0 USD an image (prices of 2025-06)"),
            new ImageTimings(412, null, 38L));

    static Stream<Arguments> jobEvents() {
        return Stream.of(
                Arguments.of("accepted.json",
                        new JobAccepted(JOB, Instant.parse("2026-11-27T10:15:30Z"),
                                "ceramic pour-over coffee dripper, matte black", Category.KITCHENWARE,
                                Style.WHITE_BACKGROUND, new GenerationSettings(2, Resolution.R1024, 7.5, null), null,
                                Lane.INTERACTIVE, "https://shop.example/hooks/images", null, null,
                                new Cost(new BigDecimal("0.006"),
                                        "replicate/flux-schnell: 2 images of 1024x1024 at 0.003 USD an image "
                                                + "(prices of 2025-06)"))),
                Arguments.of("prompt-prepared.json", new PromptPrepared(JOB, Instant.parse("2026-11-27T10:15:30.250Z"),
                        "ceramic pour-over coffee dripper, matte black", Category.KITCHENWARE, Style.WHITE_BACKGROUND,
                        "Professional product photography of ceramic pour-over coffee dripper, matte black, "
                                + "pure white background",
                        "blurry, distorted, low quality, watermark, text, logo",
                        new ModelSettings(1024, 1024, 2, 7.5, 30, 42), "local", "preview", Lane.INTERACTIVE,
                        "https://shop.example/hooks/images", Marketplace.AMAZON_MAIN,
                        List.of("model preview ignores the negative prompt"), null, null, true)),
                Arguments.of("submitted.json",
                        new GenerationSubmitted(JOB, Instant.parse("2026-11-27T10:15:31Z"), "replicate", "flux-schnell",
                                42, "q6w3k9r2hdrm80cm1b2tzx4a7c",
                                List.of("FLUX.1 [schnell] takes no negative prompt; it was left out"))),
                Arguments.of("progress.json",
                        new GenerationProgressed(JOB, Instant.parse("2026-11-27T10:15:31.500Z"), 50,
                                "rendered image 1 of 2")),
                Arguments.of("succeeded.json", new GenerationSucceeded(JOB, AT, "local", "preview", 42,
                        List.of(new GeneratedImage("http://localhost:8080/api/images/Zm9vYmFy.png", 1024, 1024,
                                "image/png", Instant.parse("2026-11-27T11:15:32Z"),
                                "http://localhost:8080/api/images/b3JpZ2luYWw.png", RECORD)),
                        List.of("asked for 2 images, the provider returned 1"),
                        List.of(new ProviderRun("q6w3k9r2hdrm80cm1b2tzx4a7c", 912L), new ProviderRun(null, null)),
                        new Cost(BigDecimal.ZERO,
                                "local/preview: 1 image of 1024x1024 at 0 USD an image (prices of 2025-06)"))),
                Arguments.of("failed.json",
                        new GenerationFailed(JOB, AT, "provider_error",
                                "NSFW content detected. Try running it again, or try a different prompt.")),
                Arguments.of("canceled.json", new JobCanceled(JOB, AT, "canceled by the client")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobEvents")
    void readsFixtureAsTheEvent(String fixture, JobEvent expected) throws IOException {
        assertThat(json.readValue(fixture(fixture), JobEvent.class)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobEvents")
    void writesTheEventAsTheFixture(String fixture, JobEvent event) throws IOException {
        JsonNode written = json.readTree(json.writerFor(JobEvent.class).writeValueAsString(event));
        assertThat(written).isEqualTo(json.readTree(fixture(fixture)));
    }

    @Test
    void roundTripsJobSubmitted() throws IOException {
        var expected = new JobSubmitted(JOB, "ceramic pour-over coffee dripper, matte black",
                "hand-glazed, for two cups", Category.KITCHENWARE, Style.WHITE_BACKGROUND, Marketplace.WEB_SHOP_SQUARE,
                new GenerationSettings(2, Resolution.R1024, 7.5, 42L), "local", null, null, Lane.INTERACTIVE,
                Instant.parse("2026-11-27T10:15:30Z"), null, null);

        assertThat(json.readValue(fixture("job-submitted.json"), JobSubmitted.class)).isEqualTo(expected);
        assertThat(json.readTree(json.writeValueAsString(expected)))
                .isEqualTo(json.readTree(fixture("job-submitted.json")));
    }

    @Test
    void roundTripsAProviderCallbackWithItsBodyVerbatim() throws IOException {
        var expected = new ProviderCallback(JOB, Instant.parse("2026-11-27T10:15:33Z"), "replicate",
                "msg_2pVq8kTestVector0001", "{\"id\":\"q6w3k9r2hdrm80cm1b2tzx4a7c\",\"status\":\"succeeded\"}");

        assertThat(json.readValue(fixture("provider-callback.json"), ProviderCallback.class)).isEqualTo(expected);
        assertThat(json.readTree(json.writeValueAsString(expected)))
                .isEqualTo(json.readTree(fixture("provider-callback.json")));
    }

    @Test
    void readsASucceededEventWrittenBeforeRunsWereRecorded() {
        String older = """
                {"type":"succeeded","jobId":"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","at":"2026-11-27T10:15:32Z",
                 "provider":"local","model":"preview","seed":42,"images":[],"warnings":[]}
                """;

        assertThat(json.readValue(older, JobEvent.class))
                .isEqualTo(new GenerationSucceeded(JOB, AT, "local", "preview", 42, List.of(), List.of(), List.of()));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String newer = """
                {"type":"canceled","jobId":"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","at":"2026-11-27T10:15:32Z",
                 "reason":"canceled by the client","canceledBy":"ops","trace":{"id":"abc"}}
                """;

        assertThat(json.readValue(newer, JobEvent.class)).isEqualTo(new JobCanceled(JOB, AT, "canceled by the client"));
    }

    @Test
    void rejectsAnUnknownEventType() {
        String unknown = """
                {"type":"teleported","jobId":"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","at":"2026-11-27T10:15:32Z"}
                """;

        assertThatThrownBy(() -> json.readValue(unknown, JobEvent.class)).isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void writesTheJobIdAsAPlainString() {
        assertThat(json.writeValueAsString(JOB)).isEqualTo("\"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b\"");
    }

    @Test
    void marksOnlyTheLastStepsTerminal() {
        assertThat(jobEvents().map(arguments -> (JobEvent) arguments.get()[1]).filter(JobEvent::terminal))
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly("GenerationSucceeded", "GenerationFailed", "JobCanceled");
    }

    private static InputStream fixture(String name) {
        return EventJsonTests.class.getResourceAsStream("/events/" + name);
    }
}
