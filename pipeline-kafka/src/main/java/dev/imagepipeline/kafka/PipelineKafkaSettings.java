package dev.imagepipeline.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the pipeline's topics are made and how a failing record is retried before it is dead-lettered.
 *
 * @param partitions of every pipeline topic and its dead-letter topic, but the bulk lane
 * @param bulkPartitions of the bulk prompt lane: a catalog's jobs share one of its partitions, so the more it has, the
 *        fewer catalogs wait behind another's (generation-worker reads each with a consumer of its own)
 * @param retention how long a record stays on a pipeline topic: topics are buffers, not a store
 * @param deadLetterRetention how long operators have to look at a dead-lettered record
 * @param retryInterval the pause between deliveries of a record whose processing failed
 * @param retryAttempts deliveries of a failing record before it goes to its {@code -dlt} topic
 * @param healthTimeout how long the readiness check waits for the broker to describe its cluster
 * @param healthCacheFor how long a readiness answer is reused, so that frequent probes cost the broker little
 * @param observed whether every record sent and handled is observed: a span (its context in the record's headers,
 *        so one job is one trace) and a timer each; off saves that cost per record, and the traces with it
 */
@ConfigurationProperties("pipeline.kafka")
public record PipelineKafkaSettings(@DefaultValue("3") int partitions, @DefaultValue("12") int bulkPartitions,
        @DefaultValue("1") short replicationFactor, @DefaultValue("6h") Duration retention,
        @DefaultValue("7d") Duration deadLetterRetention, @DefaultValue("500ms") Duration retryInterval,
        @DefaultValue("3") int retryAttempts, @DefaultValue("2s") Duration healthTimeout,
        @DefaultValue("5s") Duration healthCacheFor, @DefaultValue("true") boolean observed) {
}
