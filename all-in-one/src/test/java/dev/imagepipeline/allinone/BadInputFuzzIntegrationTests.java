package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.imagepipeline.allinone.FuzzCorpus.Fixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A few thousand malformed, truncated, oversized, wrong-typed and hostile requests against every endpoint of the
 * runner: none may get a {@code 5xx} or an error that is not a problem, no job accepted on the way may be lost, and a
 * valid job still runs to the end afterwards. {@code -Dfuzz.seed} varies the inputs; {@code -Dfuzz.report=<file>}
 * writes the tally into that file's fuzz section (otherwise to {@code target/fuzz-report.md}).
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.runner.broker-port=0", "pipeline.access.enabled=true",
        "pipeline.access.api-keys=fuzz:" + BadInputFuzzIntegrationTests.KEY + ",other:"
                + BadInputFuzzIntegrationTests.OTHER_KEY,
        "pipeline.access.submissions-per-minute=1000000", "pipeline.access.reads-per-minute=1000000",
        "pipeline.webhook-receiver.relay-secret=" + BadInputFuzzIntegrationTests.RELAY_SECRET,
        "pipeline.webhook-receiver.replicate-secret=" + BadInputFuzzIntegrationTests.REPLICATE_SECRET,
        // An unknown id is the common case here; the view need not wait for it to turn up.
        "pipeline.result-notifier.unknown-job-grace=100ms",
        // A stream answers with its first event or heartbeat; the fuzz need not wait long for it.
        "pipeline.result-notifier.heartbeat=1s",
        "pipeline.ingest-api.catalogs.max-upload-size=" + FuzzCatalogs.MAX_UPLOAD_BYTES + "B",
        "pipeline.ingest-api.catalogs.max-items=" + FuzzCatalogs.MAX_ITEMS})
class BadInputFuzzIntegrationTests {

    static final String KEY = "k-fuzz-5d2c0b7e9a41f386";
    static final String OTHER_KEY = "k-other-77a0c4e1b93d2f58";
    static final String RELAY_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String REPLICATE_SECRET = "whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=";
    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
    private static final List<String> ENDED = List.of("completed", "failed", "canceled");

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private RawHttp http;

    @Test
    void answersEveryBadInputWithAProblemLosesNoJobAndStillRunsAValidOne() throws Exception {
        http = new RawHttp(port, Duration.ofSeconds(90));
        var report = new FuzzReport();
        var accepted = new LinkedHashMap<String, String>();
        long seconds = fuzz(FuzzCorpus.generate(SEED, fixtures()), report, accepted);

        var ended = outcomes(accepted);
        var valid = submitAndWait("""
                {"description":"walnut serving board","category":"kitchenware","style":"flat_lay",
                 "settings":{"num_images":1,"resolution":"512x512"}}""");
        String section = report.markdown(SEED, seconds, afterwards(accepted.size(), ended, valid));
        System.out.println(section);
        FuzzReport.write(section);

        assertThat(report.violations()).as(String.join("\n", report.violations())).isEmpty();
        assertThat(report.inputs()).isGreaterThan(3000);
        assertThat(ended.keySet()).as("how the accepted jobs ended").isSubsetOf(ENDED);
        assertThat(valid.path("status").asString()).isEqualTo("completed");
        assertThat(decodedWidth(valid.get("images").get(0).get("url").asString())).isEqualTo(512);
    }

    /** Sends every input in turn and judges its answer; prints the slowest, and gives how long it all took. */
    private long fuzz(List<FuzzRequest> corpus, FuzzReport report, Map<String, String> accepted) {
        var slowest = new TreeMap<Long, String>();
        long started = System.nanoTime();
        for (var request : corpus) {
            long sent = System.nanoTime();
            var response = send(request, report);
            slowest.put(System.nanoTime() - sent, request.endpoint() + " (" + request.input() + ")");
            if (slowest.size() > 5) {
                slowest.pollFirstEntry();
            }
            if (response != null && response.status() / 100 == 2) {
                keep(request, response, accepted, report);
            }
        }
        slowest.descendingMap().forEach((nanos, input) -> System.out.printf("%,d ms: %s%n", nanos / 1_000_000, input));
        return Duration.ofNanos(System.nanoTime() - started).toSeconds();
    }

    /** How many of the accepted jobs ended which way. */
    private Map<String, Long> outcomes(Map<String, String> accepted) {
        return accepted.entrySet()
                .stream()
                .collect(Collectors.groupingBy(job -> outcome(job.getKey(), job.getValue()), TreeMap::new,
                        Collectors.counting()));
    }

    private static String afterwards(int accepted, Map<String, Long> ended, JsonNode valid) {
        String outcomes = ended.entrySet()
                .stream()
                .map(outcome -> outcome.getValue() + " " + outcome.getKey())
                .collect(Collectors.joining(", "));
        return "Of the %d jobs the fuzz got accepted, %s; a valid job submitted afterwards %s, with its image."
                .formatted(accepted, outcomes, valid.path("status").asString());
    }

    private RawHttp.Response send(FuzzRequest request, FuzzReport report) {
        try {
            var response = http.exchange(request.bytes(port), request.halfClose());
            report.record(request, response);
            return response;
        } catch (IOException | RuntimeException e) {
            report.unanswered(request, e);
            return null;
        }
    }

    /**
     * Remembers a job the fuzz got accepted, with the key that sees it; cancels an accepted catalog at once, so that
     * the catalogs' items do not crowd the machine.
     */
    private void keep(FuzzRequest request, RawHttp.Response response, Map<String, String> accepted, FuzzReport report) {
        String authorization = request.headers()
                .stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Authorization"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
        if (request.endpoint().equals(FuzzJobs.SUBMIT)) {
            accepted.put(json.readTree(response.body()).get("id").asString(), authorization);
        } else if (request.endpoint().equals(FuzzCatalogs.UPLOAD)) {
            String catalog = json.readTree(response.body()).get("id").asString();
            var cancel = new FuzzRequest(FuzzCatalogs.CANCEL, "a catalog the fuzz got accepted", "POST",
                    "/api/catalogs/" + catalog + "/cancel", List.of(Map.entry("Authorization", authorization)),
                    new byte[0], false);
            send(cancel, report);
        }
    }

    /** How the job ended, once it has; {@code lost} when the runner does not know it. */
    private String outcome(String job, String authorization) {
        return await().atMost(Duration.ofMinutes(2)).until(() -> {
            var response = get("/api/generate/" + job + "?wait=30s", authorization);
            return response.status() == 200 ? json.readTree(response.body()).get("status").asString() : "lost";
        }, status -> ENDED.contains(status) || status.equals("lost"));
    }

    /** A finished job, a finished catalog and a stored image, for inputs that name something real. */
    private Fixtures fixtures() throws IOException {
        var job = submitAndWait(FuzzCorpus.GENERATE);
        assertThat(job.path("status").asString()).isEqualTo("completed");
        String image = URI.create(job.get("images").get(0).get("url").asString()).getPath();
        var upload = http.exchange(new FuzzRequest("fixture", "a catalog", "POST", "/api/catalogs", List.of(),
                FuzzCorpus.utf8(CatalogMutations.item(0) + "\n"), false).with("Authorization", "Bearer " + KEY)
                .with("Content-Type", "application/x-ndjson")
                .bytes(port), false);
        assertThat(upload.status()).as(upload.text()).isEqualTo(202);
        String catalog = json.readTree(upload.body()).get("id").asString();
        await().atMost(Duration.ofMinutes(1))
                .until(() -> json.readTree(get("/api/catalogs/" + catalog, "Bearer " + KEY).body())
                        .path("status")
                        .asString(), "completed"::equals);
        return new Fixtures(KEY, OTHER_KEY, job.get("id").asString(), catalog,
                image.substring(image.lastIndexOf('/') + 1), RELAY_SECRET, REPLICATE_SECRET);
    }

    /** Submits a job and waits for it to finish, as a client with {@code Prefer: wait} does. */
    private JsonNode submitAndWait(String body) throws IOException {
        var response = http.exchange(
                new FuzzRequest("fixture", "a job", "POST", "/api/generate", List.of(), FuzzCorpus.utf8(body), false)
                        .with("Authorization", "Bearer " + KEY)
                        .with("Content-Type", "application/json")
                        .with("Prefer", "wait=60")
                        .bytes(port),
                false);
        assertThat(response.status()).as(response.text()).isIn(200, 202);
        return json.readTree(response.body());
    }

    private RawHttp.Response get(String target, String authorization) throws IOException {
        return http.exchange(new FuzzRequest("check", "", "GET", target, List.of(), new byte[0], false)
                .with("Authorization", authorization)
                .bytes(port), false);
    }

    private int decodedWidth(String url) throws IOException {
        var response = get(URI.create(url).getRawPath(), "Bearer " + KEY);
        assertThat(response.status()).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(response.body())).getWidth();
    }
}
