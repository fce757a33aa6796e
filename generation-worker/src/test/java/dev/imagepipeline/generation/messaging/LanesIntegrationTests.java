package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.generation.GenerationWorkerApplication;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lanes against a real broker, with a provider stub whose quota allows ten calls a second and whose calls take
 * 150 ms: interactive jobs go ahead of a catalog's backlog, catalogs take turns, the bulk lane keeps its share, a
 * canceled catalog's waiting jobs end canceled, and a catalog waits on its topic rather than in memory. A broker of its
 * own: another test's worker in the same group would take partitions from this one.
 */
class LanesIntegrationTests {

    private static final int PER_SECOND = 10;
    private static final Duration WORK = Duration.ofMillis(150);
    private static final int BULK_PARTITIONS = 4;
    private static final int BULK_JOBS_PER_PARTITION = 4;
    private static final int INTERACTIVE_JOBS_PER_PARTITION = 4;
    /** What the worker may hold at once: one interactive partition, and the bulk ones. */
    private static final int HELD_AT_MOST = INTERACTIVE_JOBS_PER_PARTITION + BULK_PARTITIONS * BULK_JOBS_PER_PARTITION;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final KraftBroker broker = KraftBroker.startTemporary();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Stub stub = new Stub();
    private static ConfigurableApplicationContext worker;
    private static KafkaProducer<String, String> producer;
    private static Admin admin;

    private final List<String> catalogs = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        worker = new SpringApplicationBuilder(GenerationWorkerApplication.class)
                .initializers((GenericApplicationContext context) -> context.registerBean("stubProvider",
                        ImageProvider.class, () -> stub))
                .run("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                        "--pipeline.kafka.partitions=1", "--pipeline.kafka.bulk-partitions=" + BULK_PARTITIONS,
                        "--pipeline.generation-worker.quotas.stub=" + PER_SECOND * 60,
                        "--pipeline.generation-worker.max-in-flight=" + INTERACTIVE_JOBS_PER_PARTITION,
                        "--pipeline.generation-worker.lanes.bulk-jobs-per-partition=" + BULK_JOBS_PER_PARTITION,
                        "--pipeline.generation-worker.images.directory=" + Files.createTempDirectory("lanes-images-"));
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new StringSerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterEach
    void cancelWhatIsLeft() {
        catalogs.forEach(catalog -> send(Topics.CANCELLATIONS, catalog, cancellation(catalog)));
        await().atMost(TIMEOUT)
                .until(() -> lag(Topics.PROMPTS_BULK) == 0 && lag(Topics.PROMPTS_INTERACTIVE) == 0
                        && windows().held() == 0);
        stub.calls.clear();
    }

    @AfterAll
    static void stop() {
        worker.close();
        producer.close();
        admin.close();
        broker.close();
    }

    @Test
    void startsEachInteractiveJobWithinAboutOneTurnWhileALargeCatalogWaits() throws Exception {
        var idle = new ArrayList<Duration>();
        for (int i = 0; i < 3; i++) {
            idle.add(interactiveRoundTrip());
        }
        var catalog = catalog(0, 1_000);
        await().atMost(TIMEOUT).until(() -> stub.callsOf(catalog.jobs::contains).size() >= 10);
        var measuredFrom = stub.callsOf(catalog.jobs::contains).size();
        var since = Instant.now();
        await().atMost(TIMEOUT).until(() -> stub.callsOf(catalog.jobs::contains).size() >= measuredFrom + 30);
        double bulkPerSecond = 30_000.0 / Duration.between(since, Instant.now()).toMillis();

        var interactive = new ArrayList<String>();
        var busy = new ArrayList<Duration>();
        var held = new ArrayList<Integer>();
        for (int i = 0; i < 5; i++) {
            busy.add(interactiveRoundTrip(interactive));
            held.add(windows().held());
            int before = stub.callsOf(catalog.jobs::contains).size();
            await().atMost(TIMEOUT).until(() -> stub.callsOf(catalog.jobs::contains).size() >= before + 3);
        }

        for (String job : interactive) {
            Instant arrived = enteredLine(job);
            Instant started = stub.firstCallOf(job);
            // A turn every 100 ms: a job that waits for the next one sees one bulk call start, rarely two.
            assertThat(stub.callsOf(catalog.jobs::contains))
                    .filteredOn(call -> call.at().isAfter(arrived) && call.at().isBefore(started))
                    .as("bulk calls between job %s entering the line and its call", job)
                    .hasSizeLessThanOrEqualTo(2);
        }
        assertThat(held).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(HELD_AT_MOST));
        assertThat(lag(Topics.PROMPTS_BULK)).isGreaterThan(800);
        System.out.printf(
                "interactive waits, send to provider call: idle %s, behind a 1000-job catalog %s;"
                        + " bulk alone %.1f calls/s at a quota of %d/s; held %s of at most %d%n",
                idle, busy, bulkPerSecond, PER_SECOND, held, HELD_AT_MOST);
    }

    @Test
    void keepsACatalogOnTheTopicRatherThanInMemory() throws Exception {
        long heapBefore = usedHeap();
        var catalog = catalog(0, 3_000);
        await().atMost(TIMEOUT).until(() -> stub.callsOf(catalog.jobs::contains).size() >= 20);

        var held = new ArrayList<Integer>();
        for (int i = 0; i < 10; i++) {
            int before = stub.calls.size();
            await().atMost(TIMEOUT).until(() -> stub.calls.size() >= before + 2);
            held.add(windows().held());
        }

        assertThat(held).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(BULK_JOBS_PER_PARTITION));
        assertThat(lag(Topics.PROMPTS_BULK)).isGreaterThan(2_800);
        System.out.printf("3000-job catalog queued: held %s, lag %d, heap used %d MiB before, %d MiB after%n", held,
                lag(Topics.PROMPTS_BULK), heapBefore >> 20, usedHeap() >> 20);
    }

    @Test
    void servesASmallCatalogInTurnWithALargeOne() {
        var large = catalog(1, 1_000);
        await().atMost(TIMEOUT).until(() -> stub.callsOf(large.jobs::contains).size() >= 5);
        var arrived = Instant.now();
        var small = catalog(2, 10);

        await().atMost(TIMEOUT).until(() -> stub.callsOf(small.jobs::contains).size() == 10);

        Instant smallDone = stub.callsOf(small.jobs::contains)
                .stream()
                .map(Call::at)
                .max(Instant::compareTo)
                .orElseThrow();
        var largeMeanwhile = stub.callsOf(large.jobs::contains)
                .stream()
                .filter(call -> call.at().isAfter(arrived) && call.at().isBefore(smallDone))
                .count();
        // Taking turns, each catalog gets about half; first come, first served, the small one would wait for 990.
        assertThat(largeMeanwhile).isLessThanOrEqualTo(10 + BULK_JOBS_PER_PARTITION + 2);
        assertThat(stub.callsOf(large.jobs::contains)).hasSizeLessThan(100);
    }

    @Test
    void keepsTheBulkLaneMovingWhileInteractiveJobsKeepComing() {
        var catalog = catalog(3, 500);
        await().atMost(TIMEOUT).until(() -> stub.callsOf(catalog.jobs::contains).size() >= 5);
        var interactive = new HashSet<String>();
        for (int i = 0; i < 60; i++) {
            String job = UUID.randomUUID().toString();
            interactive.add(job);
            send(Topics.PROMPTS_INTERACTIVE, job, prepared(job, "interactive", null, 0));
        }

        await().atMost(TIMEOUT).until(() -> stub.callsOf(interactive::contains).size() == 60);

        var people = stub.callsOf(interactive::contains);
        Instant from = people.get(5).at();
        Instant to = people.get(50).at();
        long bulk = stub.callsOf(catalog.jobs::contains)
                .stream()
                .filter(call -> call.at().isAfter(from) && call.at().isBefore(to))
                .count();
        // 45 interactive calls in the window: a share of 0.2 gives the catalog about 11 of them.
        assertThat(bulk).isGreaterThanOrEqualTo(6);
        System.out.printf("under a steady interactive stream the catalog had %d of %d turns%n", bulk, 45 + bulk);
    }

    @Test
    void endsTheJobsOfACanceledCatalogThatHadNotStarted() {
        var catalog = catalog(2, 40);
        await().atMost(TIMEOUT).until(() -> stub.callsOf(catalog.jobs::contains).size() >= 3);

        send(Topics.CANCELLATIONS, catalog.id, cancellation(catalog.id));

        var terminal = probe.readUntil(Topics.JOB_EVENTS, new TerminalOfAll(catalog.jobs), TIMEOUT)
                .stream()
                .filter(record -> catalog.jobs.contains(record.key()))
                .map(record -> json.readTree(record.value()))
                .filter(event -> Set.of("succeeded", "failed", "canceled").contains(event.get("type").asString()))
                .toList();
        var started = new HashSet<String>();
        stub.callsOf(catalog.jobs::contains).forEach(call -> started.add(call.job()));
        assertThat(terminal).hasSize(40);
        assertThat(terminal).filteredOn(event -> started.contains(event.get("jobId").asString()))
                .allSatisfy(event -> assertThat(event.get("type").asString()).isEqualTo("succeeded"));
        assertThat(terminal).filteredOn(event -> !started.contains(event.get("jobId").asString()))
                .hasSizeGreaterThanOrEqualTo(30)
                .allSatisfy(event -> {
                    assertThat(event.get("type").asString()).isEqualTo("canceled");
                    assertThat(event.get("reason").asString()).isEqualTo("canceled with its catalog");
                });
    }

    /** Sends an interactive job and waits for its provider call; answers the wait from sending to the call. */
    private Duration interactiveRoundTrip(List<String> jobs) {
        String job = UUID.randomUUID().toString();
        jobs.add(job);
        var sent = Instant.now();
        send(Topics.PROMPTS_INTERACTIVE, job, prepared(job, "interactive", null, 0));
        await().atMost(TIMEOUT).until(() -> !stub.callsOf(job::equals).isEmpty());
        return Duration.between(sent, stub.firstCallOf(job));
    }

    private Duration interactiveRoundTrip() {
        return interactiveRoundTrip(new ArrayList<>());
    }

    /** When the job's progress said it went to its provider: the moment it joined the provider's line. */
    private static Instant enteredLine(String job) {
        return probe
                .readUntil(Topics.JOB_EVENTS,
                        record -> record.key().equals(job) && record.value().contains("generating with stub"), TIMEOUT)
                .stream()
                .filter(record -> record.key().equals(job))
                .map(record -> Instant.parse(json.readTree(record.value()).get("at").asString()))
                .findFirst()
                .orElseThrow();
    }

    /** Publishes a catalog's jobs onto one bulk partition, as prompt-worker does. */
    private Catalog catalog(int partition, int size) {
        String id = UUID.randomUUID().toString();
        catalogs.add(id);
        var jobs = new HashSet<String>();
        for (int line = 1; line <= size; line++) {
            String job = UUID.randomUUID().toString();
            jobs.add(job);
            producer.send(new ProducerRecord<>(Topics.PROMPTS_BULK, partition, job, prepared(job, "bulk", id, line)));
        }
        producer.flush();
        return new Catalog(id, Set.copyOf(jobs));
    }

    private static void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many records of the topic the worker's group has not committed. */
    private static long lag(String topic) throws Exception {
        var committed = admin.listConsumerGroupOffsets(GenerationWorkerKafkaConfiguration.GROUP_ID)
                .partitionsToOffsetAndMetadata()
                .get();
        var partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        var latest = new HashMap<TopicPartition, OffsetSpec>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        for (var partition : partitions) {
            var offset = committed.get(partition);
            lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    private static PartitionWindows windows() {
        return worker.getBean(PartitionWindows.class);
    }

    private static long usedHeap() {
        System.gc();
        var runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String cancellation(String catalog) {
        return """
                {"jobId":null,"at":"%s","provider":null,"predictionId":null,"catalogId":"%s"}"""
                .formatted(Instant.now(), catalog);
    }

    private static String prepared(String jobId, String lane, String catalog, int line) {
        String item = catalog == null ? "null" : """
                {"catalogId":"%s","sku":"sku-%d","line":%d}""".formatted(catalog, line, line);
        return """
                {"type":"prompt_prepared","jobId":"%s","at":"2026-11-27T10:15:30Z",
                 "description":"walnut desk organizer","category":"furniture","style":"studio",
                 "prompt":"Professional product photography of walnut desk organizer","negativePrompt":"blurry",
                 "settings":{"width":512,"height":512,"numImages":1,"guidanceScale":7.5,"numInferenceSteps":30,
                 "seed":5},
                 "provider":"stub","model":null,"lane":"%s","callbackUrl":null,"catalog":%s}
                """.formatted(jobId, lane, item);
    }

    private record Catalog(String id, Set<String> jobs) {
    }

    /** Stops reading once every job of the set has a terminal event. */
    private static final class TerminalOfAll implements Predicate<ConsumerRecord<String, String>> {

        private final Set<String> missing;

        TerminalOfAll(Set<String> jobs) {
            this.missing = new HashSet<>(jobs);
        }

        @Override
        public boolean test(ConsumerRecord<String, String> record) {
            var value = record.value();
            if (value.contains("\"type\":\"succeeded\"") || value.contains("\"type\":\"failed\"")
                    || value.contains("\"type\":\"canceled\"")) {
                missing.remove(record.key());
            }
            return missing.isEmpty();
        }
    }

    /** A metered provider whose calls take a while; it notes when each call began. */
    private static final class Stub implements ImageProvider {

        final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

        @Override
        public String name() {
            return "stub";
        }

        @Override
        public String defaultModel() {
            return "stub-model";
        }

        @Override
        public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
            calls.add(new Call(order.jobId().toString(), Instant.now()));
            try {
                // The provider at work, not the test waiting for a result.
                Thread.sleep(WORK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new GeneratedBatch(order.model(), 1, List.of(), List.of());
        }

        List<Call> callsOf(Predicate<String> jobs) {
            return calls.stream().filter(call -> jobs.test(call.job())).toList();
        }

        Instant firstCallOf(String job) {
            return callsOf(job::equals).getFirst().at();
        }
    }

    private record Call(String job, Instant at) {
    }
}
