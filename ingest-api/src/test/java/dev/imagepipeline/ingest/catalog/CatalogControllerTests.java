package dev.imagepipeline.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.BDDMockito;
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

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.ingest.budget.CostEstimates;
import dev.imagepipeline.ingest.budget.Ledger;
import dev.imagepipeline.ingest.callback.CallbackUrlRule;
import dev.imagepipeline.ingest.job.JobQueue;
import dev.imagepipeline.ingest.job.JobSubmission;
import dev.imagepipeline.ingest.job.KnownJobs;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;

@WebMvcTest(CatalogController.class)
@Import({CatalogUpload.class, JobSubmission.class, CallbackUrlRule.class, KnownJobs.class, Ledger.class,
        CostEstimates.class, CatalogControllerTests.Recording.class})
@TestPropertySource(properties = {"pipeline.ingest-api.catalogs.max-items=6",
        "pipeline.ingest-api.catalogs.max-line-length=300", "pipeline.ingest-api.catalogs.max-upload-size=4KB",
        "pipeline.ingest-api.catalogs.batch-size=2", "pipeline.ingest-api.catalogs.replay-wait=200ms"})
class CatalogControllerTests {

    static final MediaType CSV = new MediaType("text", "csv");

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingQueue queue;

    @Autowired
    List<CatalogReceived> receipts;

    @Autowired
    KnownJobs known;

    @BeforeEach
    void reset() {
        queue.jobs.clear();
        queue.announced.clear();
        queue.batches.clear();
        queue.failing = false;
        receipts.clear();
        known.caughtUp();
    }

    @Nested
    class ReadsEachFormat {

        @Test
        void ndjsonLineByLineSkippingBlankOnes() throws Exception {
            upload(MediaType.APPLICATION_NDJSON,
                    """
                            {"sku":"MUG-1","description":"ceramic mug","category":"kitchenware","style":"studio"}

                            {"sku":"TOTE-2","description":"linen tote","category":"apparel","style":"lifestyle","settings":{"num_images":2,"resolution":"768x768"}}
                            """)
                    .andExpect(status().isAccepted())
                    .andExpect(header().string("Location", startsWith("/api/catalogs/")))
                    .andExpect(jsonPath("$.status").value("accepted"))
                    .andExpect(jsonPath("$.items").value(2))
                    .andExpect(jsonPath("$.created").value(2))
                    .andExpect(jsonPath("$.rejectedCount").value(0));

            assertThat(queue.jobs).extracting(JobSubmitted::catalog)
                    .extracting(CatalogItem::sku, CatalogItem::line)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("MUG-1", 1L),
                            org.assertj.core.groups.Tuple.tuple("TOTE-2", 3L));
            var tote = queue.jobs.get(1);
            assertThat(tote.lane()).isEqualTo(Lane.BULK);
            assertThat(tote.settings().numImages()).isEqualTo(2);
            assertThat(tote.settings().resolution()).isEqualTo(Resolution.R768);
            assertThat(tote.jobId()).isEqualTo(tote.catalog().catalogId().job("TOTE-2"));
            assertThat(queue.jobs).extracting(job -> job.catalog().bulkPartition()).containsOnly(7);
        }

        @Test
        void csvWithQuotedFieldsAcrossLinesAndSettingsColumns() throws Exception {
            upload(CSV,
                    "\uFEFFsku,description,category,style,num_images,additional_context\r\n"
                            + "\"B-1\",\"bamboo board, large\",kitchenware,flat_lay,2,\"oiled\n\"\"end grain\"\"\"\r\n"
                            + "B-2,walnut board,kitchenware,studio,9,\r\n" + "B-3,oak board,kitchenware,studio,,\r\n")
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.items").value(2))
                    .andExpect(jsonPath("$.rejected[0].line").value(4))
                    .andExpect(jsonPath("$.rejected[0].sku").value("B-2"))
                    .andExpect(jsonPath("$.rejected[0].reason")
                            .value("settings.num_images must be less than or equal to 4"));

            assertThat(queue.jobs.getFirst().description()).isEqualTo("bamboo board, large");
            assertThat(queue.jobs.getFirst().additionalContext()).isEqualTo("oiled\n\"end grain\"");
            assertThat(queue.jobs.getFirst().settings().numImages()).isEqualTo(2);
            assertThat(queue.jobs).extracting(job -> job.catalog().line()).containsExactly(2L, 5L);
        }

        @Test
        void autofixFromItsCsvColumnAndJsonFieldOnlyWithAMarketplace() throws Exception {
            upload(CSV, "sku,description,category,style,marketplace,autofix\n"
                    + "F-1,oak board,kitchenware,white_background,amazon_main,true\n"
                    + "F-2,ash board,kitchenware,white_background,,true\n" + "F-3,elm board,kitchenware,studio,,\n")
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.items").value(2))
                    .andExpect(jsonPath("$.rejected[0].sku").value("F-2"))
                    .andExpect(jsonPath("$.rejected[0].reason")
                            .value("autofix needs a marketplace whose rules to fix the images by"));
            upload(MediaType.APPLICATION_NDJSON,
                    """
                            {"sku":"F-4","description":"mug","category":"kitchenware","style":"studio",                    "marketplace":"web_shop_square","autofix":true}
                            """)
                    .andExpect(status().isAccepted());

            assertThat(queue.jobs).extracting(job -> job.catalog().sku(), JobSubmitted::autofix)
                    .containsExactly(tuple("F-1", true), tuple("F-3", false), tuple("F-4", true));
            assertThat(queue.announced).extracting(JobAccepted::estimatedCost).doesNotContainNull();
        }

        @Test
        void aJsonArrayElementByElement() throws Exception {
            upload(MediaType.APPLICATION_JSON, """
                    [{"sku":"A","description":"mug","category":"kitchenware","style":"studio"},
                     "not an item",
                     {"sku":7,"description":"cup","category":"kitchenware","style":"minimal"}]
                    """).andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.items").value(2))
                    .andExpect(jsonPath("$.rejected[0].line").value(2))
                    .andExpect(jsonPath("$.rejected[0].reason").value("is not a JSON object"));

            assertThat(queue.jobs).extracting(job -> job.catalog().sku()).containsExactly("A", "7");
        }
    }

    @Nested
    class RejectsABadLineAndGoesOn {

        @Test
        void namingTheFieldAndTheAllowedValues() throws Exception {
            upload(MediaType.APPLICATION_NDJSON, """
                    {"sku":"1","description":"mug","category":"shoes","style":"studio"}
                    {"sku":"2","description":"","category":"kitchenware","style":"studio"}
                    {"description":"mug","category":"kitchenware","style":"studio"}
                    {"sku":"4","description":"mug","category":"kitchenware","style":"studio","provider":"dall-e"}
                    {"sku":"5","description":"mug","category":"kitchenware","style":"studio"
                    {"sku":"6","description":"mug","category":"kitchenware","style":"studio"}
                    """).andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.items").value(1))
                    .andExpect(jsonPath("$.rejectedCount").value(5))
                    .andExpect(jsonPath("$.rejected[0].reason").value(
                            startsWith("category 'shoes' is not allowed; " + "allowed values: [electronics, apparel")))
                    .andExpect(jsonPath("$.rejected[1].reason").value("description must not be blank"))
                    .andExpect(jsonPath("$.rejected[2].reason").value("sku must not be blank"))
                    .andExpect(jsonPath("$.rejected[3].reason").value(startsWith("provider 'dall-e' is not allowed")))
                    .andExpect(jsonPath("$.rejected[4].line").value(5))
                    .andExpect(jsonPath("$.rejected[4].reason").value("is not valid JSON"));

            assertThat(queue.jobs).extracting(job -> job.catalog().sku()).containsExactly("6");
        }

        @Test
        void aRepeatedSkuNamingItsFirstLine() throws Exception {
            upload(MediaType.APPLICATION_NDJSON, """
                    {"sku":"MUG","description":"mug","category":"kitchenware","style":"studio"}
                    {"sku":"MUG","description":"another mug","category":"kitchenware","style":"studio"}
                    """).andExpect(jsonPath("$.items").value(1))
                    .andExpect(jsonPath("$.rejected[0].reason").value("repeats the SKU of line 1"));
        }

        @Test
        void aLineOverItsLengthLimit() throws Exception {
            upload(MediaType.APPLICATION_NDJSON,
                    "{\"sku\":\"1\",\"description\":\"" + "m".repeat(400)
                            + "\",\"category\":\"kitchenware\",\"style\":\"studio\"}\n" + item("2") + "\n")
                    .andExpect(jsonPath("$.items").value(1))
                    .andExpect(jsonPath("$.rejected[0].reason").value("is longer than 300 characters"));
        }

        @Test
        void aJsonSyntaxErrorEndingTheUploadButKeepingWhatCameBefore() throws Exception {
            upload(MediaType.APPLICATION_JSON,
                    "[" + item("1") + "," + item("2") + ", {\"sku\": oops}, " + item("4") + "]")
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.items").value(2))
                    .andExpect(jsonPath("$.rejected[0].line").value(3))
                    .andExpect(jsonPath("$.rejected[0].reason").value(containsString("the rest of the upload")));
        }
    }

    @Nested
    class Limits {

        @Test
        void stopsAtTheItemLimitAndSaysSo() throws Exception {
            var lines = new StringBuilder();
            for (int i = 1; i <= 8; i++) {
                lines.append(item("S" + i)).append('\n');
            }
            upload(MediaType.APPLICATION_NDJSON, lines.toString()).andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.items").value(6))
                    .andExpect(jsonPath("$.rejectedCount").value(1))
                    .andExpect(jsonPath("$.rejected[0].line").value(7))
                    .andExpect(jsonPath("$.rejected[0].reason").value(containsString("limit of 6 items")));
            assertThat(queue.batches).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSize(2));
        }

        @Test
        void stopsAtTheSizeLimitAndSaysSo() throws Exception {
            var lines = new StringBuilder();
            for (int i = 1; i <= 5; i++) {
                lines.append("{\"sku\":\"S")
                        .append(i)
                        .append("\",\"description\":\"")
                        .append("x".repeat(200))
                        .append("\",\"category\":\"kitchenware\",\"style\":\"studio\"}\n");
            }
            lines.append(" ".repeat(5000));
            upload(MediaType.APPLICATION_NDJSON, lines.toString()).andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.items").value(5))
                    .andExpect(jsonPath("$.rejected[0].reason").value(containsString("limit of 4096 bytes")));
        }
    }

    @Nested
    class SentAgainWithTheSameKey {

        @Test
        void queuesNothingTwice() throws Exception {
            String body = item("A") + "\n" + item("B") + "\n";
            String first = key("shop-42/2026-11-27", body).andExpect(jsonPath("$.created").value(2))
                    .andReturn()
                    .getResponse()
                    .getHeader("Location");

            key("shop-42/2026-11-27", body + item("C") + "\n").andExpect(status().isAccepted())
                    .andExpect(header().string("Location", first))
                    .andExpect(jsonPath("$.items").value(3))
                    .andExpect(jsonPath("$.created").value(1));

            assertThat(queue.jobs).extracting(job -> job.catalog().sku()).containsExactly("A", "B", "C");
            assertThat(first).isEqualTo("/api/catalogs/" + CatalogId.forKey("shop-42/2026-11-27"));
            assertThat(receipts).extracting(CatalogReceived::items, CatalogReceived::created)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 2),
                            org.assertj.core.groups.Tuple.tuple(3, 1));
        }

        @Test
        void refusesAKeyThatIsNotPrintableAscii() throws Exception {
            key("ключ", item("A")).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
            assertThat(queue.jobs).isEmpty();
        }

        private ResultActions key(String key, String body) throws Exception {
            return mvc.perform(post("/api/catalogs").contentType(MediaType.APPLICATION_NDJSON)
                    .header("Idempotency-Key", key)
                    .content(body));
        }
    }

    @Nested
    class RefusesTheWholeUpload {

        @Test
        void whenNoLineIsAnItem() throws Exception {
            upload(MediaType.APPLICATION_NDJSON, "{\"sku\":\"1\"}\n").andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Empty catalog"))
                    .andExpect(jsonPath("$.rejected[0].line").value(1));
            assertThat(receipts).isEmpty();
        }

        @Test
        void whenItIsEmpty() throws Exception {
            upload(MediaType.APPLICATION_JSON, "[]").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value("The catalog holds no items."));
        }

        @Test
        void whenJsonIsNotAnArray() throws Exception {
            upload(MediaType.APPLICATION_JSON, item("1")).andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("A JSON catalog is an array of item objects."));
        }

        @Test
        void whenTheCsvHeaderLacksARequiredColumn() throws Exception {
            upload(CSV, "sku,description,style\n1,mug,studio\n").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value("The header lacks the required columns [category]"));
        }

        @Test
        void whenTheCsvHeaderNamesAnUnknownColumn() throws Exception {
            upload(CSV, "sku,description,category,style,colour\n").andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(startsWith("The header names an unknown column 'colour'")));
        }

        @Test
        void whenTheFormatIsNotOneOfTheThree() throws Exception {
            upload(MediaType.APPLICATION_XML, "<catalog/>").andExpect(status().isUnsupportedMediaType())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }

        @Test
        void whenThePipelineCannotTakeItsJobs() throws Exception {
            queue.failing = true;
            upload(MediaType.APPLICATION_NDJSON, item("1")).andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat(receipts).isEmpty();
        }
    }

    @Nested
    class WhileTheRecentJobsAreStillBeingRead {

        @MockitoBean
        KnownJobs notYet;

        @Test
        void refusesAnUploadWithAKeyForNow() throws Exception {
            BDDMockito.given(notYet.awaitCaughtUp(Duration.ofMillis(200))).willReturn(false);

            mvc.perform(post("/api/catalogs").contentType(MediaType.APPLICATION_NDJSON)
                    .header("Idempotency-Key", "k-1")
                    .content(item("1")))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(jsonPath("$.title").value("Not ready yet"));
            assertThat(queue.jobs).isEmpty();
        }
    }

    private ResultActions upload(MediaType type, String body) throws Exception {
        return mvc.perform(post("/api/catalogs").contentType(type).content(body));
    }

    private static String item(String sku) {
        return """
                {"sku":"%s","description":"ceramic mug","category":"kitchenware","style":"studio"}""".formatted(sku);
    }

    /** A queue that keeps what it is given, or fails like a broker that does not answer. */
    static final class RecordingQueue implements JobQueue {

        final List<JobSubmitted> jobs = new ArrayList<>();
        final List<JobAccepted> announced = new ArrayList<>();
        final List<List<JobSubmitted>> batches = new ArrayList<>();
        boolean failing;

        @Override
        public void enqueue(JobSubmitted job, JobAccepted accepted) {
            enqueueAll(List.of(job), ignored -> accepted);
        }

        @Override
        public void enqueueAll(List<JobSubmitted> batch, Function<JobSubmitted, JobAccepted> announcement) {
            if (failing) {
                throw new PublishFailedException("pipeline.requests", new TimeoutException());
            }
            batches.add(List.copyOf(batch));
            jobs.addAll(batch);
            batch.stream().map(announcement).forEach(announced::add);
        }
    }

    @TestConfiguration
    static class Recording {

        @Bean
        RecordingQueue recordingQueue() {
            return new RecordingQueue();
        }

        @Bean
        List<CatalogReceived> receipts() {
            return new ArrayList<>();
        }

        @Bean
        CatalogReceipts catalogReceipts(List<CatalogReceived> receipts) {
            return receipts::add;
        }

        @Bean
        BulkPartitions bulkPartitions() {
            return catalog -> 7;
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC);
        }
    }
}
