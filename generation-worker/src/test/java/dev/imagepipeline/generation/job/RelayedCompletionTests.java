package dev.imagepipeline.generation.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.ProviderResilienceTests;
import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.generation.provider.relay.RelayCallbacks;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;
import dev.imagepipeline.kafka.Cancellations;

/**
 * Relayed Hugging Face and Stability results, in the format webhook-receiver documents, read into the job's ending:
 * images from a stub server on this machine (a network the test allows) or inline, failures, progress, and the
 * callbacks that must change nothing.
 */
class RelayedCompletionTests {

    @RegisterExtension
    static final WireMockExtension relay = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
            .build();

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final JobId JOB = JobId.random();
    private static final byte[] PNG = TestImages.png(64, 48);
    private static final byte[] OTHER_PNG = TestImages.png(32, 32);

    private final List<JobEvent> progress = new ArrayList<>();
    private final List<JobEvent> published = new CopyOnWriteArrayList<>();
    private final Cancellations cancellations = new Cancellations(10);
    private final SynchronousRuns synchronousRuns = new SynchronousRuns();
    private final ProviderResilience resilience = new ProviderResilience(
            ProviderResilienceTests.settings(List.of(), 2));
    private final List<RelayCallbacks> readers = List.of(
            new RelayCallbacks("huggingface", List.of("127.0.0.0/8", "::1"), synchronousRuns, resilience),
            new RelayCallbacks("stability", List.of("127.0.0.0/8", "::1"), synchronousRuns, resilience));

    @TempDir
    Path images;

    private Completion completion;

    @BeforeEach
    void storeImagesInTheTemporaryDirectory() {
        var settings = new GenerationWorkerSettings.Images(images, Duration.ofHours(1), "http://localhost:8080",
                Duration.ofMinutes(1));
        completion = new Completion(List.copyOf(readers), Deliveries.into(new ImageStore(settings, CLOCK), CLOCK),
                cancellations, new SubmittedRuns(), CLOCK);
    }

    @AfterEach
    void closeTheReaders() throws IOException {
        for (var reader : readers) {
            reader.close();
        }
    }

    @Test
    void storesTheImagesAtTheUrlsOfASucceededResult() throws Exception {
        serve("/out/0.png", PNG);
        serve("/out/1.png", OTHER_PNG);

        var result = complete("huggingface", "msg_1", """
                {"job": "%s", "status": "succeeded", "model": "stabilityai/stable-diffusion-xl-base-1.0", "seed": 42,
                 "images": [{"url": "%s/out/0.png"}, {"url": "%s/out/1.png"}]}
                """.formatted(JOB, relay.baseUrl(), relay.baseUrl()));

        assertThat(result).isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
            assertThat(succeeded.jobId()).isEqualTo(JOB);
            assertThat(succeeded.provider()).isEqualTo("huggingface");
            assertThat(succeeded.model()).isEqualTo("stabilityai/stable-diffusion-xl-base-1.0");
            assertThat(succeeded.seed()).isEqualTo(42);
            assertThat(succeeded.warnings()).isEmpty();
            assertThat(succeeded.images()).extracting(GeneratedImage::width, GeneratedImage::height)
                    .containsExactly(Tuple.tuple(64, 48), Tuple.tuple(32, 32));
        });
        assertThat(storedBytes()).containsExactlyInAnyOrder(PNG, OTHER_PNG);
        assertThat(published).containsExactly(result);
    }

    @Test
    void storesTheImagesOfASucceededResultSentInline() throws Exception {
        var result = complete("stability", "msg_1", """
                {"job": "%s", "status": "succeeded", "model": "core",
                 "images": [{"base64": "%s", "contentType": "image/png"}]}
                """.formatted(JOB, Base64.getEncoder().encodeToString(PNG)));

        assertThat(result).isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
            assertThat(succeeded.provider()).isEqualTo("stability");
            assertThat(succeeded.seed()).isZero();
            assertThat(succeeded.warnings()).containsExactly("The relay reported no seed; the job records 0.");
            assertThat(succeeded.images()).singleElement().satisfies(image -> {
                assertThat(image.contentType()).isEqualTo("image/png");
                assertThat(image.width()).isEqualTo(64);
            });
        });
        assertThat(storedBytes()).containsExactly(PNG);
    }

    @Test
    void failsTheJobWithTheReasonTheRelayReports() {
        var result = complete("stability", "msg_1", """
                {"job": "%s", "status": "failed",
                 "error": {"reason": "content_filtered", "message": "Stability AI filtered the image."}}
                """.formatted(JOB));

        assertThat(result).isEqualTo(
                new GenerationFailed(JOB, CLOCK.instant(), "content_filtered", "Stability AI filtered the image."));
        assertThat(published).containsExactly(result);
    }

    @Test
    void announcesProgressAndThenEndsTheJob() {
        serve("/out/0.png", PNG);

        assertThat(completion.complete(callback("huggingface", "msg_1", """
                {"job": "%s", "status": "processing", "progress": {"step": 5, "of": 20}}
                """.formatted(JOB)), progress::add, published::add)).isEmpty();
        var result = complete("huggingface", "msg_2", succeededAt(relay.baseUrl() + "/out/0.png"));

        assertThat(progress).containsExactly(new GenerationProgressed(JOB, CLOCK.instant(), 25,
                "huggingface is at step 5 of 20, the relay reports"));
        assertThat(result).isInstanceOf(GenerationSucceeded.class);
        assertThat(published).containsExactly(result);
    }

    @Nested
    class ChangesNothing {

        @Test
        void whenProcessingArrivesAfterTheJobSucceeded() {
            serve("/out/0.png", PNG);
            complete("huggingface", "msg_1", succeededAt(relay.baseUrl() + "/out/0.png"));

            assertThat(completion.complete(callback("huggingface", "msg_2", """
                    {"job": "%s", "status": "processing", "progress": {"step": 19, "of": 20}}
                    """.formatted(JOB)), progress::add, published::add)).isEmpty();

            assertThat(progress).isEmpty();
            assertThat(published).singleElement().isInstanceOf(GenerationSucceeded.class);
        }

        @Test
        void whenTheSucceededResultComesAgain() throws Exception {
            serve("/out/0.png", PNG);
            String succeeded = succeededAt(relay.baseUrl() + "/out/0.png");
            complete("huggingface", "msg_1", succeeded);

            // A relay's retry that webhook-receiver let through: a new delivery id, or another receiver instance.
            assertThat(completion.complete(callback("huggingface", "msg_1_retry", succeeded), progress::add,
                    published::add)).isEmpty();

            assertThat(published).singleElement().isInstanceOf(GenerationSucceeded.class);
            assertThat(storedBytes()).hasSize(1);
            relay.verify(1, getRequestedFor(urlPathEqualTo("/out/0.png")));
        }

        @Test
        void whenAFailureArrivesAfterTheJobSucceeded() {
            serve("/out/0.png", PNG);
            complete("stability", "msg_1", succeededAt(relay.baseUrl() + "/out/0.png"));

            assertThat(completion.complete(callback("stability", "msg_2", """
                    {"job": "%s", "status": "failed", "error": {"reason": "provider_error", "message": "late"}}
                    """.formatted(JOB)), progress::add, published::add)).isEmpty();

            assertThat(published).singleElement().isInstanceOf(GenerationSucceeded.class);
        }

        @Test
        void forAJobThisWorkerGeneratesItself() {
            serve("/out/0.png", PNG);
            synchronousRuns.started(JOB);

            assertThat(
                    completion.complete(callback("huggingface", "msg_1", succeededAt(relay.baseUrl() + "/out/0.png")),
                            progress::add, published::add))
                    .isEmpty();

            assertThat(published).isEmpty();
            relay.verify(0, getRequestedFor(urlPathEqualTo("/out/0.png")));
        }
    }

    @Nested
    class ImagesItRefuses {

        @Test
        void failsTheJobWhenAnImageIsMissing() {
            relay.stubFor(get("/out/gone.png").willReturn(aResponse().withStatus(404)));

            var result = complete("huggingface", "msg_1", succeededAt(relay.baseUrl() + "/out/gone.png?token=s3cr3t"));

            assertThat(result).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
                assertThat(failed.reason()).isEqualTo("provider_error");
                assertThat(failed.message()).contains("HTTP 404").doesNotContain("s3cr3t", "/out/gone.png");
            });
        }

        @Test
        void followsNoRedirect() {
            relay.stubFor(get("/out/moved.png")
                    .willReturn(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/")));

            var result = complete("huggingface", "msg_1", succeededAt(relay.baseUrl() + "/out/moved.png"));

            assertThat(result).isInstanceOfSatisfying(GenerationFailed.class,
                    failed -> assertThat(failed.message()).contains("HTTP 302"));
        }

        @Test
        void failsTheJobWhenAUrlServesNoImage() {
            relay.stubFor(get("/out/page.html").willReturn(aResponse().withStatus(200).withBody("<html></html>")));

            var result = complete("huggingface", "msg_1", succeededAt(relay.baseUrl() + "/out/page.html"));

            assertThat(result).isInstanceOfSatisfying(GenerationFailed.class,
                    failed -> assertThat(failed.reason()).isEqualTo("malformed_response"));
            assertThat(images.toFile().list()).isEmpty();
        }

        @Test
        void refusesAPrivateAddressTheTestDoesNotAllow() {
            var result = complete("huggingface", "msg_1", succeededAt("https://10.0.0.7/out/0.png"));

            assertThat(result).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
                assertThat(failed.reason()).isEqualTo("invalid_request");
                assertThat(failed.message()).contains("10.0.0.7");
            });
        }

        @Test
        void refusesPlainHttpToAPublicHost() {
            var result = complete("huggingface", "msg_1", succeededAt("http://relay.example.com/out/0.png"));

            assertThat(result).isInstanceOfSatisfying(GenerationFailed.class,
                    failed -> assertThat(failed.message()).contains("https"));
        }

        @Test
        void leavesAResultForAnotherJobToTheErrorHandler() {
            var body = """
                    {"job": "%s", "status": "failed", "error": {"reason": "provider_error", "message": "?"}}
                    """.formatted(JobId.random());

            assertThatIllegalArgumentException().isThrownBy(
                    () -> completion.complete(callback("huggingface", "msg_1", body), progress::add, published::add));
        }
    }

    private JobEvent complete(String provider, String id, String body) {
        return completion.complete(callback(provider, id, body), progress::add, published::add).orElseThrow();
    }

    private static ProviderCallback callback(String provider, String id, String body) {
        return new ProviderCallback(JOB, CLOCK.instant(), provider, id, body);
    }

    private static String succeededAt(String url) {
        return """
                {"job": "%s", "status": "succeeded", "model": "core", "seed": 7, "images": [{"url": "%s"}]}
                """.formatted(JOB, url);
    }

    private static void serve(String path, byte[] image) {
        relay.stubFor(get(path).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(image)));
    }

    private List<byte[]> storedBytes() throws IOException {
        try (var files = Files.list(images)) {
            return files.map(file -> {
                try {
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
