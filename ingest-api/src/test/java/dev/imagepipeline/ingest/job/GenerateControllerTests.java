package dev.imagepipeline.ingest.job;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.ingest.callback.CallbackUrlRule;
import dev.imagepipeline.kafka.PipelinePublisher;

@WebMvcTest(GenerateController.class)
@Import(CallbackUrlRule.class)
class GenerateControllerTests {

    private static final JobId JOB = new JobId(UUID.fromString("0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    JobSubmission submission;

    @Test
    void answersServiceUnavailableWhenTheJobCannotBeQueued() throws Exception {
        given(submission.submit(any()))
                .willThrow(new PipelinePublisher.PublishFailedException("pipeline.requests", new TimeoutException()));

        post("""
                {"description":"mug","category":"kitchenware","style":"studio"}
                """).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Pipeline unavailable"));
    }

    @Test
    void acceptsAValidJobWithItsLocation() throws Exception {
        given(submission.submit(any())).willReturn(JOB);

        post("""
                {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
                 "style":"white_background",
                 "settings":{"num_images":2,"resolution":"768x768","guidance_scale":7.5,"seed":42}}
                """).andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/generate/" + JOB))
                .andExpect(jsonPath("$.id").value(JOB.toString()))
                .andExpect(jsonPath("$.status").value("queued"));
    }

    @Test
    void acceptsAJobWithAPublicCallbackUrl() throws Exception {
        given(submission.submit(any())).willReturn(JOB);

        post("""
                {"description":"mug","category":"kitchenware","style":"studio",
                 "callbackUrl":"https://shop.example/hooks/images?token=abc"}
                """).andExpect(status().isAccepted());
    }

    @Nested
    class RejectsWithAProblemNamingTheField {

        @Test
        void whenTheCallbackUrlNamesAMetadataAddress() throws Exception {
            badRequest("""
                    {"description":"mug","category":"kitchenware","style":"studio",
                     "callbackUrl":"http://169.254.169.254/latest/meta-data/iam"}
                    """).andExpect(jsonPath("$.errors[0].field").value("callbackUrl"))
                    .andExpect(jsonPath("$.detail").value("callbackUrl host 169.254.169.254 is a cloud metadata "
                            + "address; callbacks only go to public addresses unless configuration allows the network"));
            then(submission).should(never()).submit(any());
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

        private ResultActions badRequest(String body) throws Exception {
            return post(body).andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Invalid request"));
        }
    }

    private ResultActions post(String body) throws Exception {
        return mvc.perform(
                MockMvcRequestBuilders.post("/api/generate").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
