package dev.imagepipeline.cli;

import static dev.imagepipeline.cli.StubPipeline.CATALOG;
import static dev.imagepipeline.cli.StubPipeline.item;
import static dev.imagepipeline.cli.StubPipeline.progress;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogCliTests {

    private static final String CSV = """
            sku,description,category,style
            DRIP-0042,"ceramic pour-over coffee dripper, matte black",kitchenware,studio
            MUG-0012,stoneware mug,kitchenware,polaroid
            KETTLE-7,gooseneck kettle,kitchenware,minimal
            """;

    private static final String RESULTS = """
            sku,line,jobId,status,images,error
            DRIP-0042,2,8035651e-bb72-3203-a6c0-a56580a0c081,completed,http://localhost:8080/api/images/a.png,
            KETTLE-7,4,1e227a30-904d-3a38-948c-7ae66a5580b6,failed,,content_filtered
            """;

    @TempDir
    Path directory;

    private StubPipeline pipeline;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startPipeline() throws IOException {
        pipeline = StubPipeline.start();
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Nested
    class Submitting {

        @Test
        void uploadsTheFileFollowsItsProgressAcrossADroppedStreamAndWritesTheResults() throws IOException {
            Path catalog = file("products.csv", CSV);
            pipeline.accepts(2, 2, 1, """
                    [{"line":3,"sku":"MUG-0012","reason":"style must be one of studio, lifestyle"}]""")
                    .stream(progress(0, "receiving", 2, 0, 0, "null", "null"), ": heartbeat\n\n",
                            progress(0, "running", 2, 1, 0, "0.5", "2"))
                    .stream(item(0, "KETTLE-7", 4, "failed", """
                            {"reason":"content_filtered","message":"the provider's safety filter refused it"}"""),
                            progress(0, "completed", 2, 1, 1, "0.6", "0"))
                    .results(RESULTS);

            int exit = run("submit", "--url", pipeline.url(), catalog.toString());

            assertThat(exit).isEqualTo(CatalogCli.ITEMS_FAILED);
            assertThat(Files.readString(directory.resolve("products.results.csv"))).isEqualTo(RESULTS);
            assertThat(lines()).containsSubsequence("Submitting " + catalog + " (text/csv) to " + pipeline.url(),
                    "Idempotency-Key: sha256-" + SubmitCommand.sha256(catalog)
                            + " (from the file's content: submitting this file again makes no new jobs)",
                    "Catalog " + CATALOG + " accepted: 2 items, 2 new; 1 line rejected:",
                    "  line 3 (MUG-0012): style must be one of studio, lifestyle",
                    "progress: 0/2 (0%), ETA --, receiving",
                    "progress: 1/2 (50%), 0.5/s, ETA 0:02, 1 of 1 marketplace-ready, 0.003 USD, running",
                    "failed: line 4 (KETTLE-7) failed: content_filtered: the provider's safety filter refused it",
                    "progress: 2/2 (100%), 0.6/s, 1 failed, 1 of 1 marketplace-ready, 0.003 USD, completed",
                    "Catalog " + CATALOG + " completed: 1 completed, 1 failed, 0 canceled. Results: "
                            + directory.resolve("products.results.csv"));
            assertThat(pipeline.requests("GET", "/api/catalogs/" + CATALOG + "/events"))
                    .extracting(request -> request.header("Last-Event-ID"))
                    .containsExactly(null, null);
            assertThat(out.toString()).contains("reconnecting in 0.5 s: the event stream ended before the catalog did");
        }

        @Test
        void sendsTheFileAsItIsWithItsMediaTypeAndKey() throws IOException {
            Path catalog = file("products.csv", CSV);
            finishesAtOnce();

            run("submit", "--url", pipeline.url(), catalog.toString());

            var upload = pipeline.requests("POST", "/api/catalogs").getFirst();
            assertThat(upload.text()).isEqualTo(CSV);
            assertThat(upload.header("Content-Type")).isEqualTo("text/csv");
            assertThat(upload.header("Idempotency-Key")).isEqualTo("sha256-" + SubmitCommand.sha256(catalog))
                    .matches("sha256-[0-9a-f]{64}");
            assertThat(upload.header("Authorization")).isNull();
        }

        @Test
        void resumesTheStreamFromTheLastEventItSaw() throws IOException {
            pipeline.accepts(2, 2, 0, "[]")
                    .stream(progress(7, "running", 2, 1, 0, "1.0", "1"))
                    .stream(progress(8, "completed", 2, 2, 0, "1.0", "0"));

            int exit = run("submit", "--url", pipeline.url(), file("products.csv", CSV).toString());

            assertThat(exit).isEqualTo(CatalogCli.OK);
            assertThat(pipeline.requests("GET", "/api/catalogs/" + CATALOG + "/events"))
                    .extracting(request -> request.header("Last-Event-ID"))
                    .containsExactly(null, "7");
        }

        @Test
        void reopensAStreamThatFallsSilent() throws IOException {
            pipeline.accepts(1, 1, 0, "[]")
                    .stalledStream(progress(1, "running", 1, 0, 0, "null", "null"))
                    .stream(progress(2, "completed", 1, 1, 0, "1.0", "0"));

            int exit = run("submit", "--url", pipeline.url(), "--idle-timeout", "400",
                    file("products.csv", CSV).toString());

            assertThat(exit).isEqualTo(CatalogCli.OK);
            assertThat(pipeline.requests("GET", "/api/catalogs/" + CATALOG + "/events")).hasSize(2);
        }

        @Test
        void writesNdjsonResultsBesideAJsonCatalog() throws IOException {
            Path catalog = file("spring.json", """
                    [{"sku":"DRIP-0042","description":"dripper","category":"kitchenware","style":"studio"}]""");
            finishesAtOnce().results("{\"sku\":\"DRIP-0042\",\"status\":\"completed\"}\n");

            int exit = run("submit", "--url", pipeline.url(), catalog.toString());

            assertThat(exit).isEqualTo(CatalogCli.OK);
            assertThat(pipeline.requests("POST", "/api/catalogs").getFirst().header("Content-Type"))
                    .isEqualTo("application/json");
            assertThat(pipeline.requests("GET", "/api/catalogs/" + CATALOG + "/results"))
                    .extracting(StubPipeline.Request::uri)
                    .containsExactly("/api/catalogs/" + CATALOG + "/results?format=ndjson");
            assertThat(Files.readString(directory.resolve("spring.results.ndjson")))
                    .isEqualTo("{\"sku\":\"DRIP-0042\",\"status\":\"completed\"}\n");
        }

        @Test
        void takesTheFormatAndTheResultsFileFromTheOptions() throws IOException {
            Path catalog = file("export.txt", "{\"sku\":\"A-1\"}\n");
            Path results = directory.resolve("photos.csv");
            finishesAtOnce().results(RESULTS);

            int exit = run("submit", "--url", pipeline.url(), "--format", "ndjson", "--out", results.toString(),
                    "--idempotency-key", "spring-catalog-2026", catalog.toString());

            assertThat(exit).isEqualTo(CatalogCli.OK);
            var upload = pipeline.requests("POST", "/api/catalogs").getFirst();
            assertThat(upload.header("Content-Type")).isEqualTo("application/x-ndjson");
            assertThat(upload.header("Idempotency-Key")).isEqualTo("spring-catalog-2026");
            assertThat(pipeline.requests("GET", "/api/catalogs/" + CATALOG + "/results").getFirst().uri())
                    .endsWith("format=csv");
            assertThat(Files.readString(results)).isEqualTo(RESULTS);
        }

        @Test
        void sendsTheApiKeyAsABearerTokenAndNeverPrintsIt() throws IOException {
            finishesAtOnce();

            run("submit", "--url", pipeline.url(), "--api-key", "sk-live-5f1e2d", file("p.csv", CSV).toString());

            assertThat(pipeline.requests("POST", "/api/catalogs").getFirst().header("Authorization"))
                    .isEqualTo("Bearer sk-live-5f1e2d");
            assertThat(pipeline.requests("GET", "/api/catalogs/" + CATALOG)).allSatisfy(
                    request -> assertThat(request.header("Authorization")).isEqualTo("Bearer sk-live-5f1e2d"));
            assertThat(out.toString() + err).doesNotContain("sk-live-5f1e2d");
        }

        @Test
        void triesAgainWhileThePipelineIsNotReadyForCatalogs() throws IOException {
            pipeline.uploadAnswers(503, "application/problem+json", """
                    {"title":"Not ready for catalogs yet","status":503,"detail":"The job view is loading"}""");
            finishesAtOnce();

            int exit = run("submit", "--url", pipeline.url(), file("p.csv", CSV).toString());

            assertThat(exit).isEqualTo(CatalogCli.OK);
            assertThat(pipeline.requests("POST", "/api/catalogs")).hasSize(2)
                    .extracting(request -> request.header("Idempotency-Key"))
                    .containsOnly("sha256-" + SubmitCommand.sha256(directory.resolve("p.csv")));
        }

        @Test
        void exitsCanceledForACanceledCatalog() throws IOException {
            pipeline.accepts(2, 2, 0, "[]").stream(progress(1, "canceled", 2, 1, 0, "null", "null"));

            int exit = run("submit", "--url", pipeline.url(), file("p.csv", CSV).toString());

            assertThat(exit).isEqualTo(CatalogCli.CANCELED);
            assertThat(lines()).contains("Catalog " + CATALOG + " canceled: 1 completed, 0 failed, 0 canceled. "
                    + "Results: " + directory.resolve("p.results.csv"));
        }

        private StubPipeline finishesAtOnce() {
            return pipeline.accepts(1, 1, 0, "[]").stream(progress(1, "completed", 1, 1, 0, "1.0", "0"));
        }
    }

    @Nested
    class Failing {

        @Test
        void printsTheProblemOfARefusedUpload() throws IOException {
            pipeline.uploadAnswers(400, "application/problem+json", """
                    {"type":"about:blank","title":"Unreadable catalog","status":400,
                     "detail":"The header lacks the required columns [style]",
                     "errors":[{"field":"style","message":"is required"}]}""");

            int exit = run("submit", "--url", pipeline.url(), file("p.csv", "sku,description\nA,b\n").toString());

            assertThat(exit).isEqualTo(CatalogCli.REFUSED);
            assertThat(err.toString().lines()).containsExactly("The pipeline answered Unreadable catalog (HTTP 400)",
                    "  The header lacks the required columns [style]", "  style: is required");
            assertThat(pipeline.requests("GET", "/api/catalogs")).isEmpty();
            assertThat(directory.resolve("p.results.csv")).doesNotExist();
        }

        @Test
        void printsTheRejectedLinesOfAnUploadWithNoItem() throws IOException {
            pipeline.uploadAnswers(400, "application/problem+json", """
                    {"title":"Empty catalog","status":400,"detail":"No line of the upload is an item",
                     "rejectedCount":1,"rejected":[{"line":2,"sku":"A","reason":"style must not be blank"}]}""");

            int exit = run("submit", "--url", pipeline.url(),
                    file("p.csv", "sku,description,style\nA,b,\n").toString());

            assertThat(exit).isEqualTo(CatalogCli.REFUSED);
            assertThat(err.toString()).contains("  line 2 (A): style must not be blank");
        }

        @Test
        void saysSoWhenThePipelineCannotBeReached() throws IOException {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }

            int exit = run("submit", "--url", "http://127.0.0.1:" + port, file("p.csv", CSV).toString());

            assertThat(exit).isEqualTo(CatalogCli.UNREACHABLE);
            assertThat(err.toString()).startsWith("Could not talk to the pipeline at http://127.0.0.1:" + port)
                    .contains("cannot connect");
        }

        @Test
        void givesUpOnACatalogTheEventSideDoesNotKnow() throws IOException {
            pipeline.accepts(1, 1, 0, "[]").forgetsTheCatalog();

            int exit = run("submit", "--url", pipeline.url(), "--reconnect-delay", "10", file("p.csv", CSV).toString());

            assertThat(exit).isEqualTo(CatalogCli.REFUSED);
            assertThat(pipeline.requests("GET", "/api/catalogs/" + CATALOG + "/events")).hasSize(3);
            assertThat(err.toString()).startsWith("The pipeline answered Catalog not found (HTTP 404)");
        }

        @Test
        void refusesAFileWhoseFormatItCannotTell() throws IOException {
            int exit = run("submit", "--url", pipeline.url(), file("products.xlsx", "PK").toString());

            assertThat(exit).isEqualTo(CatalogCli.USAGE);
            assertThat(err.toString()).contains("Cannot tell the format of", "--format json, ndjson or csv");
            assertThat(pipeline.requests("POST", "/api/catalogs")).isEmpty();
        }

        @Test
        void refusesAFileThatIsNotThere() {
            int exit = run("submit", "--url", pipeline.url(), directory.resolve("missing.csv").toString());

            assertThat(exit).isEqualTo(CatalogCli.USAGE);
            assertThat(err.toString()).contains("Cannot read the catalog file");
        }
    }

    @Nested
    class Help {

        @Test
        void explainsTheCommandItsOptionsAndExitCodes() {
            int exit = run("submit", "--help");

            assertThat(exit).isZero();
            assertThat(out.toString()).contains("Usage: catalog submit", "--url=URL", "IMAGE_PIPELINE_URL",
                    "IMAGE_PIPELINE_API_KEY", "--api-key=KEY", "--format=FORMAT", "--out=RESULTS",
                    "--idempotency-key=KEY", "--no-progress", "--cancel-on-interrupt", "Exit codes:",
                    "every item of the catalog has its images", "Submitting the same file again makes no new jobs")
                    .doesNotContain("--idle-timeout", "--reconnect-delay");
        }

        @Test
        void namesTheSubcommandWhenGivenNone() {
            int exit = run();

            assertThat(exit).isEqualTo(CatalogCli.USAGE);
            assertThat(err.toString()).contains("Usage: catalog", "submit");
        }
    }

    private int run(String... args) {
        return CatalogCli.commandLine(false)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private List<String> lines() {
        return new ArrayList<>(out.toString().lines().toList());
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
