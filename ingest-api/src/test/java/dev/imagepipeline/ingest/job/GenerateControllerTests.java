package dev.imagepipeline.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.ingest.budget.CostEstimates;
import dev.imagepipeline.ingest.budget.Ledger;
import dev.imagepipeline.ingest.callback.CallbackUrlRule;
import dev.imagepipeline.kafka.PipelinePublisher;

@WebMvcTest(GenerateController.class)
@Import({CallbackUrlRule.class, JobSubmission.class, JobWaits.class, KnownJobs.class, Ledger.class, CostEstimates.class,
        GenerateControllerTests.Fixed.class})
@TestPropertySource(properties = "pipeline.ingest-api.providers=local,replicate")
class GenerateControllerTests {

    static final String RECORD = """
            {"description":"linen tote bag","category":"apparel","style":"white_background",
             "marketplace":"amazon_main","autofix":true,"provider":"replicate","model":"flux-dev",
             "prompt":"a linen tote bag on pure white","negativePrompt":"",
             "settings":{"width":832,"height":1216,"numImages":2,"guidanceScale":3.5,"numInferenceSteps":28,
                         "seed":424242},
             "providerInput":{"aspect_ratio":"2:3"},"index":1,"warnings":["a warning"],"seed":424242,
             "cost":{"usd":0.025,"basis":"replicate/flux-dev"},
             "timings":{"generationMillis":5200}}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobQueue queue;

    @TestConfiguration
    static class Fixed {

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC);
        }
    }

    @Test
    void answersServiceUnavailableWhenTheJobCannotBeQueued() throws Exception {
        willThrow(new PipelinePublisher.PublishFailedException("pipeline.requests", new TimeoutException()))
                .given(queue)
                .enqueue(any(), any());

        post("""
                {"description":"mug","category":"kitchenware","style":"studio"}
                """).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Pipeline unavailable"));
    }

    @Test
    void acceptsAValidJobWithItsLocation() throws Exception {
        post("""
                {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
                 "style":"white_background",
                 "settings":{"num_images":2,"resolution":"768x768","guidance_scale":7.5,"seed":42}}
                """).andExpect(status().isAccepted())
                .andExpect(header().string("Location", matchesPattern("/api/generate/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.id").value(matchesPattern("[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.status").value("queued"));
    }

    @Test
    void queuesNothingForAClientThatTakesNoJsonAnswer() throws Exception {
        mvc.perform(MockMvcRequestBuilders.post("/api/generate")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.IMAGE_PNG)
                .content("""
                        {"description":"mug","category":"kitchenware","style":"studio"}
                        """)).andExpect(status().isNotAcceptable());

        then(queue).should(never()).enqueue(any(), any());
    }

    @Nested
    class WithAnIdempotencyKey {

        @Autowired
        KnownJobs known;

        @BeforeEach
        void readTheRecentJobs() {
            known.caughtUp();
        }

        @Test
        void queuesTheJobOnceHoweverOftenItIsSent() throws Exception {
            String key = "order-" + UUID.randomUUID();
            String first = keyed(key).andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");

            keyed(key).andExpect(status().isAccepted()).andExpect(header().string("Location", first));

            then(queue).should(times(1)).enqueue(any(), any());
            assertThat(first).isEqualTo("/api/generate/" + IdempotencyKey.job(key, null));
        }

        @Test
        void queuesItWhenSentAgainAfterThePipelineCouldNotTakeIt() throws Exception {
            String key = "order-" + UUID.randomUUID();
            willThrow(new PipelinePublisher.PublishFailedException("pipeline.requests", new TimeoutException()))
                    .willDoNothing()
                    .given(queue)
                    .enqueue(any(), any());

            keyed(key).andExpect(status().isServiceUnavailable());
            keyed(key).andExpect(status().isAccepted());

            then(queue).should(times(2)).enqueue(any(), any());
        }

        @Test
        void refusesAKeyThatIsNotPrintableAscii() throws Exception {
            keyed("").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
            then(queue).should(never()).enqueue(any(), any());
        }

        private ResultActions keyed(String key) throws Exception {
            return mvc.perform(MockMvcRequestBuilders.post("/api/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", key)
                    .content("""
                            {"description":"mug","category":"kitchenware","style":"studio"}
                            """));
        }
    }

    @Nested
    class WithPreferWait {

        @Autowired
        JobWaits waits;

        @Test
        void answersTheFinishedJobOnceItFinishes() throws Exception {
            willAnswer(call -> {
                JobSubmitted job = call.getArgument(0);
                waits.apply(new GenerationSucceeded(job.jobId(), job.submittedAt().plusSeconds(2), "local", "preview",
                        7L, List.of(new GeneratedImage("http://localhost/api/images/a.png", 1024, 1024, "image/png",
                                job.submittedAt().plusSeconds(3602))),
                        List.of(), List.of()));
                return null;
            }).given(queue).enqueue(any(), any());

            mvc.perform(MockMvcRequestBuilders.post("/api/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Prefer", "wait=30")
                    .content("""
                            {"description":"mug","category":"kitchenware","style":"studio"}
                            """))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Preference-Applied", "wait=30"))
                    .andExpect(header().string("Location", matchesPattern("/api/generate/[0-9a-f-]{36}")))
                    .andExpect(jsonPath("$.status").value("completed"))
                    .andExpect(jsonPath("$.images[0].url").value("http://localhost/api/images/a.png"))
                    .andExpect(jsonPath("$.description").value("mug"))
                    .andExpect(jsonPath("$.processingTime").value(2000));
        }

        @Test
        void answersTheJobAsItStandsWhenTheTimeIsUp() throws Exception {
            mvc.perform(MockMvcRequestBuilders.post("/api/generate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Prefer", "respond-async, wait=1")
                    .content("""
                            {"description":"mug","category":"kitchenware","style":"studio"}
                            """))
                    .andExpect(status().isAccepted())
                    .andExpect(header().string("Preference-Applied", "wait=1"))
                    .andExpect(jsonPath("$.status").value("queued"))
                    .andExpect(jsonPath("$.description").value("mug"));
        }
    }

    @Test
    void acceptsAJobWithAPublicCallbackUrl() throws Exception {
        post("""
                {"description":"mug","category":"kitchenware","style":"studio",
                 "callbackUrl":"https://shop.example/hooks/images?token=abc"}
                """).andExpect(status().isAccepted());
    }

    @Test
    void announcesTheJobWithItsEstimatedCost() throws Exception {
        post("""
                {"description":"mug","category":"kitchenware","style":"studio","provider":"replicate",
                 "model":"flux-dev","settings":{"num_images":3}}
                """).andExpect(status().isAccepted());

        then(queue).should()
                .enqueue(any(), argThat((JobAccepted accepted) -> accepted.estimatedCost() != null
                        && accepted.estimatedCost().usd().compareTo(new BigDecimal("0.075")) == 0
                        && accepted.estimatedCost().basis().startsWith("replicate/flux-dev: 3 images of 1024x1024")));
    }

    @Test
    void carriesAutofixWithAMarketplace() throws Exception {
        post("""
                {"description":"mug","category":"kitchenware","style":"white_background",
                 "marketplace":"amazon_main","autofix":true}
                """).andExpect(status().isAccepted());

        then(queue).should()
                .enqueue(argThat((JobSubmitted job) -> job.autofix() && job.marketplace() == Marketplace.AMAZON_MAIN),
                        any());
    }

    @Nested
    class Reproduce {

        @Test
        void queuesTheRecordAsItIsWithTheRequestItSays() throws Exception {
            post("""
                    {"reproduce":%s,"callbackUrl":"https://shop.example/hook"}
                    """.formatted(RECORD)).andExpect(status().isAccepted());

            then(queue).should().enqueue(argThat((JobSubmitted job) -> {
                var record = job.reproduce();
                return record != null && record.prompt().equals("a linen tote bag on pure white")
                        && record.settings().equals(new ModelSettings(832, 1216, 2, 3.5, 28, 424242))
                        && record.index() == 1 && job.description().equals("linen tote bag")
                        && job.provider().equals("replicate") && job.model().equals("flux-dev") && job.autofix()
                        && job.marketplace() == Marketplace.AMAZON_MAIN && job.settings().numImages() == 2
                        && job.settings().seed() == 424242L && job.settings().resolution() == Resolution.R1024
                        && "https://shop.example/hook".equals(job.callbackUrl());
            }), argThat((JobAccepted accepted) -> accepted.estimatedCost() != null
                    && accepted.estimatedCost().usd().compareTo(new BigDecimal("0.05")) == 0));
        }

        @Test
        void takesTheRecordsOwnRequestAlongAndRefusesAnyOther() throws Exception {
            post("""
                    {"reproduce":%s,"description":"linen tote bag","category":"apparel",
                     "style":"white_background","provider":"replicate"}
                    """.formatted(RECORD)).andExpect(status().isAccepted());

            badRequest("""
                    {"reproduce":%s,"description":"another mug"}
                    """.formatted(RECORD)).andExpect(jsonPath("$.errors[0].field").value("description"))
                    .andExpect(jsonPath("$.errors[0].message")
                            .value("must be left out when reproduce is given, or be the record's: linen tote bag"));
            badRequest("""
                    {"reproduce":%s,"settings":{"num_images":1}}
                    """.formatted(RECORD)).andExpect(jsonPath("$.errors[0].field").value("settings"));
            then(queue).should(times(1)).enqueue(any(), any());
        }

        @Test
        void refusesASizeOutOfRange() throws Exception {
            badRequest("""
                    {"reproduce":%s}
                    """.formatted(RECORD.replace("\"width\":832", "\"width\":8192")))
                    .andExpect(jsonPath("$.errors[0].field").value("reproduce.settings.width"))
                    .andExpect(jsonPath("$.errors[0].message").value("must be from 64 to 4096"));
        }

        @Test
        void refusesTooManyImages() throws Exception {
            badRequest("""
                    {"reproduce":%s}
                    """.formatted(RECORD.replace("\"numImages\":2", "\"numImages\":5")))
                    .andExpect(jsonPath("$.errors[0].field").value("reproduce.settings.numImages"));
        }

        @Test
        void refusesASeedOutOfRange() throws Exception {
            badRequest("""
                    {"reproduce":%s}
                    """.formatted(RECORD.replace("\"seed\":424242}", "\"seed\":-1}")))
                    .andExpect(jsonPath("$.errors[0].field").value("reproduce.settings.seed"));
        }

        @Test
        void refusesAProviderNotOffered() throws Exception {
            badRequest("""
                    {"reproduce":%s}
                    """.formatted(RECORD.replace("\"provider\":\"replicate\"", "\"provider\":\"dall-e\"")))
                    .andExpect(jsonPath("$.errors[0].field").value("reproduce.provider"))
                    .andExpect(jsonPath("$.errors[0].message").value(startsWith("'dall-e' is not allowed")));
        }

        @Test
        void refusesAnOverlongPrompt() throws Exception {
            badRequest("""
                    {"reproduce":%s}
                    """.formatted(RECORD.replace("a linen tote bag on pure white", "x".repeat(4001))))
                    .andExpect(jsonPath("$.errors[0].field").value("reproduce.prompt"));
        }

        @Test
        void refusesARecordWithoutAPrompt() throws Exception {
            post("""
                    {"reproduce":%s}
                    """.formatted(RECORD.replace("\"prompt\":\"a linen tote bag on pure white\",", "")))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            then(queue).should(never()).enqueue(any(), any());
        }
    }

    @Nested
    class RejectsWithAProblemNamingTheField {

        @Test
        void whenAutofixHasNoMarketplace() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio","autofix":true}
                    """).andExpect(jsonPath("$.errors[0].field").value("autofix"))
                    .andExpect(jsonPath("$.errors[0].message")
                            .value("needs a marketplace whose rules to fix the images by"));
            then(queue).should(never()).enqueue(any(), any());
        }

        @Test
        void whenTheCallbackUrlNamesAMetadataAddress() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio",
                     "callbackUrl":"http://169.254.169.254/latest/meta-data/iam"}
                    """).andExpect(jsonPath("$.errors[0].field").value("callbackUrl"))
                    .andExpect(jsonPath("$.detail").value("callbackUrl host 169.254.169.254 is a cloud metadata "
                            + "address; callbacks only go to public addresses unless configuration allows the network"));
            then(queue).should(never()).enqueue(any(), any());
        }

        @Test
        void whenTheCallbackUrlNamesThisMachine() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio",
                     "callbackUrl":"http://localhost:8080/admin"}
                    """).andExpect(jsonPath("$.errors[0].field").value("callbackUrl"))
                    .andExpect(jsonPath("$.errors[0].message").value(startsWith("host localhost is a loopback")));
        }

        @Test
        void whenTheCallbackUrlIsNotHttp() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio",
                     "callbackUrl":"gopher://shop.example/hook"}
                    """).andExpect(jsonPath("$.errors[0].field").value("callbackUrl"))
                    .andExpect(jsonPath("$.errors[0].message").value("must be an absolute http or https URL"));
        }

        @Test
        void whenTheCallbackUrlCarriesCredentials() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio",
                     "callbackUrl":"https://admin:hunter2@shop.example/hook"}
                    """).andExpect(jsonPath("$.errors[0].field").value("callbackUrl"))
                    .andExpect(jsonPath("$.detail").value(not(containsString("hunter2"))));
        }

        @Test
        void whenTheCallbackUrlIsTooLong() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio",
                     "callbackUrl":"https://shop.example/%s"}
                    """.formatted("a".repeat(CallbackUrlRule.MAX_LENGTH)))
                    .andExpect(jsonPath("$.errors[0].field").value("callbackUrl"));
        }

        @Test
        void whenTheDescriptionIsMissing() throws Exception {
            badRequest("""
                    {"category":"kitchenware","style":"studio"}
                    """).andExpect(jsonPath("$.errors[0].field").value("description"))
                    .andExpect(jsonPath("$.detail").value("description must not be blank"));
        }

        @Test
        void whenTheStyleIsUnknownListingTheAllowedOnes() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"cinematic"}
                    """).andExpect(jsonPath("$.errors[0].field").value("style"))
                    .andExpect(jsonPath("$.detail").value("style 'cinematic' is not allowed; allowed values: "
                            + "[studio, lifestyle, white_background, minimal, luxury, flat_lay]"));
        }

        @Test
        void whenTheResolutionIsNotOffered() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio",
                     "settings":{"resolution":"2048x2048"}}
                    """).andExpect(jsonPath("$.errors[0].field").value("settings.resolution"))
                    .andExpect(jsonPath("$.detail")
                            .value("settings.resolution '2048x2048' is not allowed; allowed values: "
                                    + "[512x512, 768x768, 1024x1024]"));
        }

        @Test
        void whenTooManyImagesAreAsked() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio","settings":{"num_images":5}}
                    """).andExpect(jsonPath("$.errors[0].field").value("settings.num_images"))
                    .andExpect(jsonPath("$.errors[0].message").value("must be less than or equal to 4"));
        }

        @Test
        void whenTheCategoryIsMissingListingTheAllowedOnes() throws Exception {
            badRequest("""
                    {"description":"mug","style":"studio"}
                    """).andExpect(jsonPath("$.errors[0].field").value("category"))
                    .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers
                            .startsWith("must not be null; allowed values: [electronics, apparel, footwear,")));
        }

        @Test
        void whenTheCategoryIsUnknown() throws Exception {
            badRequest("""
                    {"description":"mug","category":"gadgets","style":"studio"}
                    """).andExpect(jsonPath("$.errors[0].field").value("category"));
        }

        @Test
        void whenTheBodyIsNotJson() throws Exception {
            badRequest("{description: mug").andExpect(jsonPath("$.detail").value("The body is not valid JSON."));
        }

        @Test
        void whenTheProviderIsUnknown() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio","provider":"dall-e"}
                    """).andExpect(jsonPath("$.errors[0].field").value("provider"));
        }

    }

    private ResultActions badRequest(String body) throws Exception {
        return post(body).andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid request"));
    }

    private ResultActions post(String body) throws Exception {
        return mvc.perform(
                MockMvcRequestBuilders.post("/api/generate").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
