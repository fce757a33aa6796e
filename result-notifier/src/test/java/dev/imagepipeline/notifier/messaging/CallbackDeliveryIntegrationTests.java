package dev.imagepipeline.notifier.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.notifier.ResultNotifierApplication;
import dev.imagepipeline.notifier.callback.CallbackDeliveries;

/**
 * Callbacks from notifier instances sharing one consumer group, on a broker of their own (other tests' contexts would
 * join the group on the shared one): each event goes out once, whichever instance reads it, and an instance started
 * after a restart learns a callback URL published before the group's committed offset.
 */
class CallbackDeliveryIntegrationTests {

    private static final int PARTITIONS = 3;
    private static final String SECRET = "whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=";
    private static final KraftBroker broker = KraftBroker.startTemporary();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeEach
    void receive() {
        if (!receiver.isRunning()) {
            receiver.start();
        }
        receiver.resetAll();
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @AfterAll
    static void stop() {
        receiver.stop();
        broker.close();
    }

    @Test
    void deliversEachTerminalEventOnceAcrossTheInstancesOfTheGroup() {
        var first = start();
        var second = start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> assigned(first) > 0 && assigned(second) > 0
                        && assigned(first) + assigned(second) == PARTITIONS);

        var jobs = new ArrayList<String>();
        for (int i = 0; i < 9; i++) {
            String job = UUID.randomUUID().toString();
            jobs.add(job);
            publishAccepted(job);
            publishSucceeded(job);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredJobs().keySet().containsAll(jobs));
        await().until(() -> pending(first) + pending(second) == 0);
        assertThat(deliveredJobs()).containsOnlyKeys(jobs).allSatisfy((job, count) -> assertThat(count).isOne());
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/images"))))
                .allSatisfy(request -> assertThat(request.getHeader("webhook-signature")).startsWith("v1,"));
    }

    @Test
    void learnsACallbackUrlPublishedBeforeTheCommittedOffsetAfterARestart() throws Exception {
        String delivered = UUID.randomUUID().toString();
        String waiting = sameDefaultPartitionAs(delivered);
        var before = start();
        publishAccepted(delivered);
        publishAccepted(waiting);
        publishSucceeded(delivered);
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredJobs().containsKey(delivered));
        awaitCommitted(waiting);
        before.close();

        publishSucceeded(waiting);
        var after = start();

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredJobs().containsKey(waiting));
        await().until(() -> pending(after) == 0);
        assertThat(deliveredJobs()).containsEntry(delivered, 1L).containsEntry(waiting, 1L);
    }

    private ConfigurableApplicationContext start() {
        // Arguments, not default properties: they must win over the module's application.yml (port 8085).
        var context = new SpringApplicationBuilder(ResultNotifierApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                "--pipeline.kafka.partitions=" + PARTITIONS,
                "--pipeline.result-notifier.callbacks.signing-secret=" + SECRET,
                "--pipeline.result-notifier.callbacks.allowed-networks=127.0.0.0/8");
        instances.add(context);
        return context;
    }

    private static int assigned(ConfigurableApplicationContext instance) {
        var container = instance.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("result-notifier.callbacks");
        var partitions = container == null ? null : container.getAssignedPartitions();
        return partitions == null ? 0 : partitions.size();
    }

    private static int pending(ConfigurableApplicationContext instance) {
        return instance.getBean(CallbackDeliveries.class).pending();
    }

    /** Waits until the group has committed everything on the job's partition of the completion topic. */
    private static void awaitCommitted(String job) throws Exception {
        var partition = new TopicPartition(Topics.JOB_EVENTS, partition(job));
        try (var admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(ResultNotifierCallbackKafkaConfiguration.GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                        .partitionResult(partition)
                        .get()
                        .offset();
                return committed != null && committed.offset() == end;
            });
        }
    }

    /** How many callbacks each job got. */
    private static Map<String, Long> deliveredJobs() {
        return receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/images")))
                .stream()
                .map(request -> request.getHeader("webhook-id").split("_")[1])
                .collect(Collectors.groupingBy(job -> job, Collectors.counting()));
    }

    /** A job on the same partition, so that reaching one job's record means having passed the other's. */
    private static String sameDefaultPartitionAs(String job) {
        while (true) {
            String other = UUID.randomUUID().toString();
            if (partition(other) == partition(job)) {
                return other;
            }
        }
    }

    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static void publishAccepted(String job) {
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"accepted","jobId":"%s","at":"%s","description":"mug",
                 "category":"kitchenware","style":"studio",
                 "settings":{"numImages":1,"resolution":"512x512","guidanceScale":null,"seed":null},
                 "provider":null,"lane":"interactive","callbackUrl":"http://127.0.0.1:%d/hooks/images?job=%s"}"""
                .formatted(job, now(), receiver.port(), job));
    }

    private static void publishSucceeded(String job) {
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"succeeded","jobId":"%s","at":"%s","provider":"local","model":"preview",
                 "seed":7,"images":[],"warnings":[]}""".formatted(job, now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
