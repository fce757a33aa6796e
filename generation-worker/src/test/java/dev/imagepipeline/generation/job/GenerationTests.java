package dev.imagepipeline.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.image.SettableClock;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.ProviderResilienceTests;
import dev.imagepipeline.generation.provider.SubmittedRun;
import dev.imagepipeline.generation.provider.local.LocalPreviewProvider;

class GenerationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private final List<JobEvent> progress = new ArrayList<>();

    @TempDir
    Path images;

    @Test
    void storesEveryImageAndReportsProgressOnTheWay() {
        var generation = generation(new LocalPreviewProvider());

        var result = generation.generate(prompt("local", 2), progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
            assertThat(succeeded.images()).hasSize(2).allSatisfy(image -> {
                assertThat(image.url()).startsWith("http://localhost:8080/api/images/").endsWith(".png");
                assertThat(image.width()).isEqualTo(512);
                assertThat(image.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofHours(1)));
            });
            assertThat(succeeded.seed()).isEqualTo(42);
            assertThat(succeeded.model()).isEqualTo("preview");
        });
        assertThat(images.toFile().list()).hasSize(2);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(2).allMatch(GenerationProgressed.class::isInstance);
        assertThat(((GenerationProgressed) progress.getFirst()).message()).isEqualTo("generating with local/preview");
    }

    @Test
    void failsAJobForAProviderThatIsNotConfigured() {
        var result = generation(new LocalPreviewProvider()).generate(prompt("replicate", 1), progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("unknown_provider");
            assertThat(failed.message()).contains("'replicate'", "[local]");
        });
        assertThat(progress).isEmpty();
    }

    @Test
    void failsAJobWithTheProvidersReason() {
        var result = generation(failing(new ProviderException("content_filtered", "The image was filtered.", false)))
                .generate(prompt("broken", 1), progress::add);

        assertThat(result).isEqualTo(new GenerationFailed(prompt("broken", 1).jobId(), CLOCK.instant(),
                "content_filtered", "The image was filtered."));
    }

    @Test
    void failsAJobWhenTheProviderBreaksUnexpectedly() {
        var result = generation(failing(new IllegalStateException("socket closed with token r8_secret")))
                .generate(prompt("broken", 1), progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("generation_error");
            assertThat(failed.message()).doesNotContain("r8_secret");
        });
    }

    @Test
    void fallsBackToTheNextProviderWhenARetryCouldHelpAndSaysSo() {
        var busy = failing(new ProviderException("rate_limited", "Replicate is throttling.", true));

        var result = generation(List.of("broken", "local"), busy, new LocalPreviewProvider())
                .generate(prompt("broken", 1), progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
            assertThat(succeeded.provider()).isEqualTo("local");
            assertThat(succeeded.model()).isEqualTo("preview");
            assertThat(succeeded.warnings()).first()
                    .isEqualTo("broken/none failed (rate_limited: Replicate is throttling.); local took over with the "
                            + "prompt shaped for broken/null.");
        });
        assertThat(progress).extracting(event -> ((GenerationProgressed) event).message())
                .contains("generating with broken/none", "generating with local/preview");
    }

    @Test
    void recordsTheProviderThatMadeTheImagesAfterAFallbackWithTheMarketplacesVerdict() {
        var busy = failing(new ProviderException("rate_limited", "Replicate is throttling.", true));

        var result = generation(List.of("broken", "local"), busy, new LocalPreviewProvider())
                .generate(prompt("broken", 1, Marketplace.AMAZON_MAIN), progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
            var record = succeeded.images().getFirst().record();
            assertThat(record.provider()).isEqualTo("local");
            assertThat(record.model()).isEqualTo("preview");
            assertThat(record.providerInput()).containsEntry("marketplace", "amazon_main");
            assertThat(record.marketplace()).isEqualTo(Marketplace.AMAZON_MAIN);
            assertThat(record.compliance()).isNotNull();
            assertThat(record.warnings()).isEqualTo(succeeded.warnings());
            assertThat(succeeded.cost().usd()).isZero();
        });
    }

    @Test
    void neverFallsBackFromARefusedPromptOrAFilteredImage() {
        var filtered = failing(new ProviderException("content_filtered", "The image was filtered.", false));

        var result = generation(List.of("broken", "local"), filtered, new LocalPreviewProvider())
                .generate(prompt("broken", 1), progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationFailed.class,
                failed -> assertThat(failed.reason()).isEqualTo("content_filtered"));
    }

    @Test
    void reportsTheLastFailureWithTheChainWhenEveryProviderFails() {
        var result = generation(List.of("broken"), failing(new ProviderException("provider_error", "500.", true)))
                .generate(prompt("broken", 1), progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("provider_error");
            assertThat(failed.message()).isEqualTo("500.");
        });
    }

    @Test
    void publishesASubmittedRunWithItsWarningsAfterAFallback() {
        var busy = failing(new ProviderException("provider_error", "500.", true));

        var result = generation(List.of("broken", "async"), busy, submitting()).generate(prompt("broken", 1),
                progress::add);

        assertThat(result).isInstanceOfSatisfying(GenerationSubmitted.class, submitted -> {
            assertThat(submitted.provider()).isEqualTo("async");
            assertThat(submitted.model()).isEqualTo("slow-model");
            assertThat(submitted.seed()).isEqualTo(42);
            assertThat(submitted.predictionId()).isEqualTo("run-1");
            assertThat(submitted.warnings()).hasSize(2).last().isEqualTo("slow-model draws 1:1 only.");
            assertThat(submitted.warnings().getFirst()).startsWith("broken/none failed (provider_error: 500.)");
        });
        assertThat(images.toFile().list()).isEmpty();
    }

    @Test
    void timesTheSucceededEventWhenTheImagesExist() {
        var clock = new SettableClock(CLOCK.instant());
        var slow = new LocalPreviewProvider() {
            @Override
            public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
                clock.advance(Duration.ofSeconds(25));
                return super.generate(order, progress);
            }
        };
        var imageSettings = new GenerationWorkerSettings.Images(images, Duration.ofHours(1), "http://localhost:8080",
                Duration.ofMinutes(1));
        var settings = ProviderResilienceTests.settings(List.of(), 1);
        var generation = new Generation(List.of(slow), new ProviderResilience(settings), settings,
                Deliveries.into(new ImageStore(imageSettings, clock), clock), clock);

        var result = generation.generate(prompt("local", 1), progress::add);

        assertThat(result.at()).isEqualTo(CLOCK.instant().plusSeconds(25));
    }

    /**
     * Jobs whose providers' circuits are open, with a rest of 300 ms: a job waits for one of them to recover, unless a
     * fallback's circuit is closed.
     */
    @Nested
    class WhenACircuitIsOpen {

        private final List<JobEvent> events = new CopyOnWriteArrayList<>();
        private final Flaky flaky = new Flaky("flaky");

        @Test
        void waitsForItsProviderToRecoverThenGenerates() {
            var generation = outage(List.of(), "300ms", "1m", flaky);
            open(generation, "flaky");

            var outcome = inBackground(() -> generation.generate(prompt("flaky", 1), events::add));
            await().until(() -> messages().contains("flaky is failing; waiting up to 60 s for it to recover"));
            flaky.failing = false;

            assertThat(outcome).succeedsWithin(Duration.ofSeconds(30))
                    .isInstanceOfSatisfying(GenerationSucceeded.class,
                            succeeded -> assertThat(succeeded.provider()).isEqualTo("flaky"));
            assertThat(messages()).containsOnlyOnce("generating with flaky/m");
        }

        @Test
        void failsUnavailableOnceItHasWaitedAsLongAsItMay() {
            var generation = outage(List.of(), "1m", "300ms", flaky);
            open(generation, "flaky");

            var outcome = generation.generate(prompt("flaky", 1), events::add);

            assertThat(outcome).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
                assertThat(failed.reason()).isEqualTo("provider_unavailable");
                assertThat(failed.message())
                        .startsWith("Provider 'flaky' is failing and is being rested; the job " + "waited ")
                        .endsWith(" for it to recover.");
            });
            assertThat(messages()).contains("flaky is failing; waiting up to 300 ms for it to recover");
        }

        @Test
        void failsUnavailableAtOnceWhenItMayNotWait() {
            var generation = outage(List.of(), "1m", "0s", flaky);
            open(generation, "flaky");

            var outcome = generation.generate(prompt("flaky", 1), events::add);

            assertThat(outcome).isInstanceOfSatisfying(GenerationFailed.class, failed -> {
                assertThat(failed.reason()).isEqualTo("provider_unavailable");
                assertThat(failed.message())
                        .isEqualTo("Provider 'flaky' is failing and is being rested; try again in " + "60 s.");
            });
            assertThat(messages()).noneMatch(message -> message.contains("waiting"));
        }

        @Test
        void fallsBackAtOnceWithoutWaiting() {
            var generation = outage(List.of("flaky", "local"), "1m", "1m", flaky, new LocalPreviewProvider());
            open(generation, "flaky");

            var outcome = generation.generate(prompt("flaky", 1), events::add);

            assertThat(outcome).isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
                assertThat(succeeded.provider()).isEqualTo("local");
                assertThat(succeeded.warnings().getFirst()).startsWith("flaky/m failed (provider_unavailable: ");
            });
            assertThat(messages()).noneMatch(message -> message.contains("waiting"));
        }

        @Test
        void waitsForWhicheverProviderOfItsChainRecovers() {
            var other = new Flaky("other");
            var generation = outage(List.of("flaky", "other"), "300ms", "1m", flaky, other);
            // Each of the two jobs fails on both providers: both circuits open.
            open(generation, "flaky");

            var outcome = inBackground(() -> generation.generate(prompt("flaky", 1), events::add));
            await().until(() -> messages()
                    .contains("flaky, other are failing; waiting up to 60 s for one of them to recover"));
            other.failing = false;

            assertThat(outcome).succeedsWithin(Duration.ofSeconds(30))
                    .isInstanceOfSatisfying(GenerationSucceeded.class,
                            succeeded -> assertThat(succeeded.provider()).isEqualTo("other"));
        }

        @Test
        void endsWithoutAnOutcomeWhenItsThreadIsInterruptedWhileItWaits() {
            var generation = outage(List.of(), "1m", "1m", flaky);
            open(generation, "flaky");
            var thread = new AtomicReference<Thread>();

            var outcome = inBackground(() -> {
                thread.set(Thread.currentThread());
                return generation.generate(prompt("flaky", 1), events::add);
            });
            await().until(() -> messages().contains("flaky is failing; waiting up to 60 s for it to recover"));
            thread.get().interrupt();

            assertThat(outcome).failsWithin(Duration.ofSeconds(30))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(Generation.WaitInterrupted.class);
        }

        @Test
        void endsEveryWaitWithoutAnOutcomeWhenTheWorkerStops() {
            var generation = outage(List.of(), "1m", "1m", flaky);
            open(generation, "flaky");

            var waiting = inBackground(() -> generation.generate(prompt("flaky", 1), events::add));
            await().until(() -> messages().contains("flaky is failing; waiting up to 60 s for it to recover"));
            generation.endOutageWaits();

            assertThat(waiting).failsWithin(Duration.ofSeconds(30))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(Generation.WaitInterrupted.class);
            assertThatExceptionOfType(Generation.WaitInterrupted.class)
                    .isThrownBy(() -> generation.generate(prompt("flaky", 1), events::add));
        }

        /** Fails two jobs on the provider, which opens its circuit (a window of two). */
        private void open(Generation generation, String provider) {
            for (int i = 0; i < 2; i++) {
                generation.generate(prompt(provider, 1), event -> {
                });
            }
        }

        private List<String> messages() {
            return events.stream().map(event -> ((GenerationProgressed) event).message()).toList();
        }

        private Generation outage(List<String> fallback, String openFor, String outageWait,
                ImageProvider... providers) {
            var settings = ProviderResilienceTests.settings(Map.of("fallback", String.join(",", fallback),
                    "resilience.max-attempts", "1", "resilience.requests-per-minute", "6000", "resilience.window", "2",
                    "resilience.open-for", openFor, "resilience.outage-wait", outageWait));
            var imageSettings = new GenerationWorkerSettings.Images(images, Duration.ofHours(1),
                    "http://localhost:8080", Duration.ofMinutes(1));
            return new Generation(List.of(providers), new ProviderResilience(settings), settings,
                    Deliveries.into(new ImageStore(imageSettings, CLOCK), CLOCK), CLOCK);
        }

        private static <T> CompletableFuture<T> inBackground(Supplier<T> work) {
            var outcome = new CompletableFuture<T>();
            Thread.ofVirtual().start(() -> {
                try {
                    outcome.complete(work.get());
                } catch (Throwable failure) {
                    outcome.completeExceptionally(failure);
                }
            });
            return outcome;
        }
    }

    /** A provider that fails, for a reason a retry may cure, until it is told to deliver. */
    private static final class Flaky implements ImageProvider {

        private final String name;
        volatile boolean failing = true;

        Flaky(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String defaultModel() {
            return "m";
        }

        @Override
        public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
            if (failing) {
                throw new ProviderException("provider_error", name + " answered 500.", true);
            }
            return new GeneratedBatch("m", 1, List.of(), List.of());
        }
    }

    private static ImageProvider submitting() {
        return new ImageProvider() {
            @Override
            public String name() {
                return "async";
            }

            @Override
            public String defaultModel() {
                return "slow-model";
            }

            @Override
            public boolean submits(GenerationOrder order) {
                return true;
            }

            @Override
            public SubmittedRun submit(GenerationOrder order, ProgressListener progress) {
                return new SubmittedRun(order.model(), order.settings().seed(), "run-1",
                        List.of("slow-model draws 1:1 only."), Map.of("aspect_ratio", "1:1"));
            }

            @Override
            public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
                throw new AssertionError("a submitted order is never generated at once");
            }
        };
    }

    private Generation generation(ImageProvider provider) {
        return generation(List.of(), provider);
    }

    private Generation generation(List<String> fallback, ImageProvider... providers) {
        var imageSettings = new GenerationWorkerSettings.Images(images, Duration.ofHours(1), "http://localhost:8080",
                Duration.ofMinutes(1));
        var settings = ProviderResilienceTests.settings(fallback, 1);
        return new Generation(List.of(providers), new ProviderResilience(settings), settings,
                Deliveries.into(new ImageStore(imageSettings, CLOCK), CLOCK), CLOCK);
    }

    private static ImageProvider failing(RuntimeException failure) {
        return new ImageProvider() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String defaultModel() {
                return "none";
            }

            @Override
            public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
                throw failure;
            }
        };
    }

    private static final JobId JOB = JobId.random();

    private static PromptPrepared prompt(String provider, int images) {
        return prompt(provider, images, null);
    }

    private static PromptPrepared prompt(String provider, int images, @Nullable Marketplace marketplace) {
        return new PromptPrepared(JOB, CLOCK.instant(), "ceramic mug", Category.KITCHENWARE, Style.WHITE_BACKGROUND,
                "Professional product photography of ceramic mug", "blurry",
                new ModelSettings(512, 512, images, 7.5, 30, 42), provider, null, Lane.INTERACTIVE, null, marketplace,
                List.of(), null, null);
    }
}
