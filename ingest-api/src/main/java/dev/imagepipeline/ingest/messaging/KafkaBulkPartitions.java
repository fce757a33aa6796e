package dev.imagepipeline.ingest.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.ingest.catalog.BulkPartitions;

/**
 * Asks the broker how many jobs wait on each partition of the bulk lane (its end offset less generation-worker's
 * committed one) and picks the partition with the fewest; of several equally idle, the catalog id's hash picks, so
 * that uploads at the same moment spread out.
 */
@Component
class KafkaBulkPartitions implements BulkPartitions, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaBulkPartitions.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final String group;

    KafkaBulkPartitions(KafkaAdmin kafka, IngestApiSettings settings) {
        this.admin = Admin.create(kafka.getConfigurationProperties());
        this.group = settings.catalogs().generationGroup();
    }

    @Override
    public @Nullable Integer leastBusy(CatalogId catalog) {
        try {
            var partitions = admin.describeTopics(List.of(Topics.PROMPTS_BULK))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(Topics.PROMPTS_BULK)
                    .partitions()
                    .stream()
                    .map(info -> new TopicPartition(Topics.PROMPTS_BULK, info.partition()))
                    .toList();
            var ends = offsets(partitions, OffsetSpec.latest());
            var starts = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Function<TopicPartition, Long> waiting = partition -> {
                var done = committed.get(partition);
                long read = Math.max(starts.get(partition), done == null ? 0 : done.offset());
                return ends.get(partition) - read;
            };
            long fewest = partitions.stream().map(waiting).min(Comparator.naturalOrder()).orElseThrow();
            var idlest = partitions.stream().filter(partition -> waiting.apply(partition) == fewest).toList();
            int pick = Utils.toPositive(Utils.murmur2(catalog.toString().getBytes(StandardCharsets.UTF_8)))
                    % idlest.size();
            return idlest.get(pick).partition();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not tell the least busy partition of {}; the catalog's hash chooses: {}",
                    Topics.PROMPTS_BULK, e.getMessage());
            return null;
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    @Override
    public void destroy() {
        admin.close(TIMEOUT);
    }
}
