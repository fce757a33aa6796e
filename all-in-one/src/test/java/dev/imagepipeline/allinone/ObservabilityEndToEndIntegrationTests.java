package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.TopicProbe;

/**
 * What an operator sees of a job in the runner: probes, meters, one trace across every Kafka hop, and log lines that
 * name the job and its trace.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.runner.broker-port=0", "logging.level.dev.imagepipeline.prompt.messaging=DEBUG",
        "logging.level.dev.imagepipeline.generation.messaging=DEBUG"})
class ObservabilityEndToEndIntegrationTests {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        pipelineLogger().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        pipelineLogger().detachAppender(logs);
    }

    @Test
    void isReadyWithKafkaAndItsProvidersAndAliveWithoutAKey() throws Exception {
        var runner = new RunnerClient(port);
        var readiness = runner.send(HttpRequest.newBuilder(runner.uri("/actuator/health/readiness")).build());

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        var components = runner.json(readiness.body()).get("components");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("providers").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("providers").get("details").get("circuits").get("local").asString())
                .isEqualTo("CLOSED");
        assertThat(runner.send(HttpRequest.newBuilder(runner.uri("/actuator/health/liveness")).build()).statusCode())
                .isEqualTo(200);
        var info = runner.json(runner.send(HttpRequest.newBuilder(runner.uri("/actuator/info")).build()).body());
        assertThat(info.get("build").get("artifact").asString()).isEqualTo("all-in-one");
    }

    @Test
    void tracesAJobFromItsRequestToItsEndAcrossEveryTopic() throws Exception {
        var runner = new RunnerClient(port);
        String id = runner.submit("""
                {"description":"enamel camping mug","category":"kitchenware","style":"white_background",
                 "settings":{"num_images":1,"resolution":"512x512"}}
                """);
        assertThat(runner.finished(id, Duration.ofSeconds(60)).get("status").asString()).isEqualTo("completed");

        var probe = new TopicProbe(bootstrapServers);
        var records = new ArrayList<ConsumerRecord<String, String>>();
        for (String topic : List.of(Topics.REQUESTS, Topics.PROMPTS_INTERACTIVE, Topics.JOB_EVENTS)) {
            records.addAll(
                    probe.readUntil(topic, r -> r.key().equals(id) && isTerminal(topic, r), Duration.ofSeconds(30))
                            .stream()
                            .filter(r -> r.key().equals(id))
                            .toList());
        }
        assertThat(records).extracting(ConsumerRecord::topic)
                .contains(Topics.REQUESTS, Topics.PROMPTS_INTERACTIVE, Topics.JOB_EVENTS);
        var traces = records.stream().map(r -> traceId(TopicProbe.header(r, "traceparent"))).distinct().toList();
        assertThat(traces).as("the trace id of every record of the job").hasSize(1);
        String trace = traces.getFirst();
        assertThat(trace).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        assertThat(linesOf(id)).as("the job's log lines, with their trace")
                .extracting(line -> line.getLoggerName().substring(line.getLoggerName().lastIndexOf('.') + 1),
                        line -> line.getMDCPropertyMap().get("traceId"))
                .contains(tuple("JobSubmittedListener", trace), tuple("PromptPreparedListener", trace));
    }

    @Test
    void countsJobsStagesProviderCallsCircuitsLagImagesStreamsAndDeadLetters() throws Exception {
        var runner = new RunnerClient(port);
        var stream = openAllEventsStream();
        String id = runner.submit("""
                {"description":"felt laptop sleeve","category":"electronics","style":"flat_lay",
                 "settings":{"num_images":1,"resolution":"512x512"}}
                """);
        runner.finished(id, Duration.ofSeconds(60));
        new TopicProbe(bootstrapServers).send(Topics.REQUESTS, "6f1d2c3b-0000-4000-8000-000000000001", "not json");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape(runner);
            assertThat(value(scrape, "pipeline_jobs_total", Map.of("state", "succeeded", "lane", "interactive")))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "pipeline_jobs_total", Map.of("state", "accepted", "lane", "interactive")))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "pipeline_job_duration_seconds_count", Map.of("state", "succeeded")))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "pipeline_job_stage_duration_seconds_count", Map.of("stage", "generation")))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "pipeline_provider_calls_seconds_count",
                    Map.of("provider", "local", "outcome", "success")))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "resilience4j_circuitbreaker_state", Map.of("name", "local", "state", "closed")))
                    .hasValue(1.0);
            assertThat(value(scrape, "kafka_consumer_fetch_manager_records_lag_max", Map.of())).isPresent();
            assertThat(value(scrape, "pipeline_images_held", Map.of()))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "pipeline_sse_connections", Map.of()))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "pipeline_kafka_dead_letters_total", Map.of("topic", Topics.REQUESTS)))
                    .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
            assertThat(value(scrape, "spring_kafka_listener_seconds_count", Map.of())).isPresent();
        });
        stream.join().close();
    }

    private CompletableFuture<InputStream> openAllEventsStream() {
        return HttpClient.newHttpClient()
                .sendAsync(HttpRequest.newBuilder(new RunnerClient(port).uri("/api/events")).build(),
                        HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(HttpResponse::body);
    }

    private static String scrape(RunnerClient runner) throws IOException, InterruptedException {
        var response = runner.send(HttpRequest.newBuilder(runner.uri("/actuator/prometheus")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of the meter whose labels include the given ones. */
    private static Optional<Double> value(String scrape, String name, Map<String, String> labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.entrySet()
                        .stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static boolean isTerminal(String topic, ConsumerRecord<String, String> record) {
        return !topic.equals(Topics.JOB_EVENTS) || record.value().contains("\"type\":\"succeeded\"");
    }

    /** The trace id of a W3C {@code traceparent}: version-traceid-spanid-flags. */
    private static String traceId(String traceparent) {
        var parts = traceparent.split("-");
        return parts.length == 4 ? parts[1] : "none: " + traceparent;
    }

    private List<ILoggingEvent> linesOf(String job) {
        synchronized (logs) {
            return logs.list.stream().filter(line -> job.equals(line.getMDCPropertyMap().get("jobId"))).toList();
        }
    }

    private static Logger pipelineLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.imagepipeline");
    }
}
