package dev.imagepipeline.notifier.catalog;

import static dev.imagepipeline.notifier.catalog.CatalogFixtures.T0;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.accepted;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.failed;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.job;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.progressed;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.received;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.succeeded;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.succeededAtCost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogReceived.RejectedLine;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import dev.imagepipeline.notifier.catalog.CatalogFixtures.SettableClock;

import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(controllers = CatalogResultsController.class, properties = "pipeline.result-notifier.unknown-job-grace=100ms")
@Import({CatalogView.class, CatalogCancellation.class, CatalogResultsControllerTests.Fakes.class})
class CatalogResultsControllerTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogView view;

    @Autowired
    RecordingPublisher publisher;

    private final JsonMapper json = JsonMapper.builder().build();
    private final CatalogId catalog = CatalogId.random();

    @TestConfiguration
    static class Fakes {

        @Bean
        SettableClock clock() {
            return new SettableClock(T0.plusSeconds(60));
        }

        @Bean
        RecordingPublisher recordingPublisher() {
            return new RecordingPublisher();
        }
    }

    /** What a catalog's cancellation would have put on the topic. */
    static final class RecordingPublisher implements CatalogCancelPublisher {

        final List<CancelRequested> published = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void publish(CancelRequested request) {
            if (failing) {
                throw new PublishFailedException(Topics.CANCELLATIONS, new TimeoutException());
            }
            published.add(request);
        }

        List<CancelRequested> of(CatalogId catalog) {
            return published.stream().filter(request -> catalog.equals(request.catalogId())).toList();
        }
    }

    @Nested
    class Progress {

        @Test
        void answersTheCatalogAsItStands() throws Exception {
            running(3);
            view.apply(succeeded(catalog, 1, T0.plusSeconds(2)));
            view.apply(failed(catalog, 2, T0.plusSeconds(3)));

            mvc.perform(get("/api/catalogs/{id}", catalog))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.id").value(catalog.toString()))
                    .andExpect(jsonPath("$.status").value("running"))
                    .andExpect(jsonPath("$.items").value(3))
                    .andExpect(jsonPath("$.counts.queued").value(1))
                    .andExpect(jsonPath("$.counts.completed").value(1))
                    .andExpect(jsonPath("$.counts.failed").value(1))
                    .andExpect(jsonPath("$.finished").value(2))
                    .andExpect(jsonPath("$.progress").value(0.6666))
                    .andExpect(jsonPath("$.rate").value(0.033))
                    .andExpect(jsonPath("$.etaSeconds").value(30))
                    .andExpect(jsonPath("$.rejected").value(1))
                    .andExpect(jsonPath("$.rejections[0].line").value(4))
                    .andExpect(jsonPath("$.rejections[0].reason").value("style is not allowed"))
                    .andExpect(jsonPath("$.failures[0].sku").value("SKU-2"))
                    .andExpect(jsonPath("$.failures[0].jobId").value(job(catalog, 2).toString()))
                    .andExpect(jsonPath("$.failures[0].reason").value("provider_error"))
                    .andExpect(jsonPath("$.failures[0].message").value("The provider said \"no\", twice"))
                    .andExpect(jsonPath("$.failureCount").value(1))
                    .andExpect(jsonPath("$.createdAt").value("2026-11-27T10:00:00Z"))
                    .andExpect(jsonPath("$.updatedAt").value("2026-11-27T10:00:03Z"));
        }

        @Test
        void saysTheEtaIsUnknownWhileTheItemCountIs() throws Exception {
            view.apply(accepted(catalog, 1, T0));

            var body = mvc.perform(get("/api/catalogs/{id}", catalog))
                    .andExpect(jsonPath("$.status").value("receiving"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(body).contains("\"etaSeconds\":null");
        }

        @Test
        void answersNotFoundForACatalogItDoesNotKnow() throws Exception {
            mvc.perform(get("/api/catalogs/{id}", catalog))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Catalog not found"));
        }

        @Test
        void answersBadRequestForSomethingThatIsNoCatalogId() throws Exception {
            mvc.perform(get("/api/catalogs/{id}", "nope"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("'nope' is not a catalog id."));
        }
    }

    @Nested
    class Results {

        @Test
        void writesEveryItemByLineAsNdjsonByDefault() throws Exception {
            running(3);
            view.apply(succeeded(catalog, 1, T0.plusSeconds(2)));
            view.apply(failed(catalog, 2, T0.plusSeconds(3)));

            var body = mvc.perform(get("/api/catalogs/{id}/results", catalog))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("application/x-ndjson"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();

            assertThat(body.lines()).containsExactly("""
                    {"sku":"SKU-1","jobId":"%s","line":1,"status":"completed",\
                    "images":["http://x/1-a.png","http://x/1-b.png"]}""".formatted(job(catalog, 1)),
                    """
                            {"sku":"SKU-2","jobId":"%s","line":2,"status":"failed","images":[],\
                            "error":{"reason":"provider_error","message":"The provider said \\"no\\", twice"}}"""
                            .formatted(job(catalog, 2)),
                    """
                            {"sku":"SKU-3","jobId":"%s","line":3,"status":"queued","images":[]}"""
                            .formatted(job(catalog, 3)));
        }

        @Test
        void writesEachImagesRecordCostAndVerdict() throws Exception {
            running(2);
            view.apply(succeededAtCost(catalog, 1, T0.plusSeconds(2), "0.003", false));

            var body = mvc.perform(get("/api/catalogs/{id}/results", catalog))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            var csv = mvc.perform(get("/api/catalogs/{id}/results?format=csv", catalog))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();

            var first = json.readTree(body.lines().findFirst().orElseThrow());
            assertThat(first.path("costUsd").decimalValue()).isEqualByComparingTo("0.003");
            assertThat(first.path("compliant").asBoolean(true)).isFalse();
            var record = first.path("records").get(0).path("record");
            assertThat(record.path("prompt").asString()).isEqualTo("a mug");
            assertThat(record.path("seed").asLong()).isEqualTo(7);
            assertThat(record.path("providerInput").path("aspect_ratio").asString()).isEqualTo("1:1");
            assertThat(record.path("compliance").path("passed").asBoolean(true)).isFalse();
            assertThat(record.path("cost").path("usd").decimalValue()).isEqualByComparingTo("0.003");
            assertThat(first.path("records").get(0).path("url").asString()).isEqualTo("http://x/1.png");
            assertThat(csv.lines().skip(1).findFirst().orElseThrow()).endsWith(",false,0.003");
        }

        @Test
        void writesCsvWhenAskedByName() throws Exception {
            running(2);
            view.apply(failed(catalog, 2, T0.plusSeconds(3)));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(2)));

            var body = mvc.perform(get("/api/catalogs/{id}/results?format=csv", catalog))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("text/csv;charset=UTF-8"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();

            assertThat(body).isEqualTo("""
                    sku,job_id,line,status,image_urls,error_reason,error_message,compliant,cost_usd\r
                    SKU-1,%s,1,completed,http://x/1-a.png http://x/1-b.png,,,,\r
                    SKU-2,%s,2,failed,,provider_error,"The provider said ""no"", twice",,\r
                    """.formatted(job(catalog, 1), job(catalog, 2)));
        }

        @Test
        void writesCsvWhenTheClientAcceptsIt() throws Exception {
            running(1);

            mvc.perform(get("/api/catalogs/{id}/results", catalog).accept("text/csv"))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("text/csv;charset=UTF-8"))
                    .andExpect(content().string(startsWith(ResultsFormat.CSV_HEADER + "\r\n")));
        }

        @Test
        void refusesAFormatItDoesNotWrite() throws Exception {
            running(1);

            mvc.perform(get("/api/catalogs/{id}/results?format=xml", catalog))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("format must be csv or ndjson, not 'xml'."));
        }

        @Test
        void answersNotFoundAsProblemEvenToAClientThatAsksForCsv() throws Exception {
            mvc.perform(get("/api/catalogs/{id}/results", catalog).accept("text/csv"))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Nested
    class Events {

        @Test
        void sendsProgressThenEachEndedItemThenTheLastProgressAndEnds() throws Exception {
            running(2);
            view.apply(progressed(catalog, 1, T0.plusSeconds(1)));
            var stream = mvc.perform(get("/api/catalogs/{id}/events", catalog))
                    .andExpect(request().asyncStarted())
                    .andReturn();
            await().atMost(TIMEOUT).until(() -> !events(stream).isEmpty());

            view.apply(succeeded(catalog, 1, T0.plusSeconds(2)));
            view.apply(failed(catalog, 2, T0.plusSeconds(3)));
            stream.getAsyncResult(TIMEOUT.toMillis());

            var events = events(stream);
            assertThat(events.getFirst())
                    .startsWith("event:progress\ndata:{\"id\":\"" + catalog + "\",\"status\":\"running\"");
            assertThat(events).filteredOn(event -> event.startsWith("event:item"))
                    .containsExactly(
                            "event:item\ndata:{\"sku\":\"SKU-1\",\"jobId\":\"%s\",\"line\":1,\"status\":\"completed\",\"images\":[\"http://x/1-a.png\",\"http://x/1-b.png\"]}"
                                    .formatted(job(catalog, 1)),
                            "event:item\ndata:{\"sku\":\"SKU-2\",\"jobId\":\"%s\",\"line\":2,\"status\":\"failed\",\"images\":[],\"error\":{\"reason\":\"provider_error\",\"message\":\"The provider said \\\"no\\\", twice\"}}"
                                    .formatted(job(catalog, 2)));
            assertThat(events.getLast()).startsWith("event:progress\ndata:").contains("\"status\":\"completed\"");
        }

        @Test
        void sendsOneProgressAndEndsForACatalogThatHasEnded() throws Exception {
            running(1);
            view.apply(succeeded(catalog, 1, T0.plusSeconds(2)));

            var stream = mvc.perform(get("/api/catalogs/{id}/events", catalog))
                    .andExpect(request().asyncStarted())
                    .andReturn();
            stream.getAsyncResult(TIMEOUT.toMillis());

            assertThat(events(stream)).singleElement()
                    .satisfies(event -> assertThat(event).startsWith("event:progress\n")
                            .contains("\"status\":\"completed\""));
        }

        @Test
        void answersNotFoundForACatalogItDoesNotKnow() throws Exception {
            mvc.perform(get("/api/catalogs/{id}/events", catalog).accept(MediaType.TEXT_EVENT_STREAM))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/catalogs/{id}/events", "nope").accept(MediaType.TEXT_EVENT_STREAM))
                    .andExpect(status().isBadRequest());
        }

        private static List<String> events(MvcResult stream) throws Exception {
            return List.of(stream.getResponse().getContentAsString().split("\n\n"))
                    .stream()
                    .filter(event -> !event.isBlank())
                    .toList();
        }
    }

    @Nested
    class Cancel {

        @Test
        void publishesTheCatalogsCancellationAndAnswersTheCatalog() throws Exception {
            running(2);

            mvc.perform(post("/api/catalogs/{id}/cancel", catalog))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("running"))
                    .andExpect(jsonPath("$.cancelRequested").value(true));

            assertThat(publisher.of(catalog)).singleElement().satisfies(request -> {
                assertThat(request.jobId()).isNull();
                assertThat(request.at()).isEqualTo(T0.plusSeconds(60));
            });
        }

        @Test
        void answersTheSameWhenAskedAgainAndPublishesOnce() throws Exception {
            running(1);
            mvc.perform(post("/api/catalogs/{id}/cancel", catalog)).andExpect(status().isAccepted());
            view.apply(CatalogFixtures.canceled(catalog, 1, T0.plusSeconds(61)));

            mvc.perform(post("/api/catalogs/{id}/cancel", catalog))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.status").value("canceled"));
            assertThat(publisher.of(catalog)).hasSize(1);
        }

        @Test
        void refusesToCancelACompletedCatalogAndSaysHowItStands() throws Exception {
            running(1);
            view.apply(succeeded(catalog, 1, T0.plusSeconds(2)));

            mvc.perform(post("/api/catalogs/{id}/cancel", catalog))
                    .andExpect(status().isConflict())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Catalog already completed"))
                    .andExpect(jsonPath("$.catalog.status").value("completed"))
                    .andExpect(jsonPath("$.catalog.failures", hasSize(0)));
            assertThat(publisher.of(catalog)).isEmpty();
        }

        @Test
        void answersServiceUnavailableWhenTheCancellationCannotBePublished() throws Exception {
            running(1);
            publisher.failing = true;
            try {
                mvc.perform(post("/api/catalogs/{id}/cancel", catalog))
                        .andExpect(status().isServiceUnavailable())
                        .andExpect(header().string("Retry-After", "5"))
                        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            } finally {
                publisher.failing = false;
            }
            assertThat(view.find(catalog).orElseThrow().cancelRequested()).isFalse();
        }

        @Test
        void answersNotFoundOrBadRequestForNoCatalogItKnows() throws Exception {
            mvc.perform(post("/api/catalogs/{id}/cancel", catalog)).andExpect(status().isNotFound());
            mvc.perform(post("/api/catalogs/{id}/cancel", "nope")).andExpect(status().isBadRequest());
        }
    }

    /** A catalog whose upload was read: its items from line 1, plus one rejected line after them. */
    private void running(int items) {
        for (long line = 1; line <= items; line++) {
            view.apply(accepted(catalog, line, T0));
        }
        view.received(received(catalog, items, T0.plusSeconds(1),
                new RejectedLine(items + 1L, "SKU-X", "style is not allowed")));
    }
}
