package dev.imagepipeline.generation.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.RunWatch;
import dev.imagepipeline.generation.job.SubmittedRuns;
import dev.imagepipeline.generation.job.SubmittedRuns.Run;
import dev.imagepipeline.kafka.PipelinePublisher;

/**
 * Looks after this instance's share of the runs submitted to providers, every {@link #TICK}. A run is this instance's
 * when it reads the partition of the callbacks topic its job's callbacks go to: a run's callback and its polls then
 * meet in one {@link dev.imagepipeline.generation.job.Completion}, which ends the job once, and after a restart or a
 * rebalance whoever reads that partition takes the watch over.
 */
@Component
class RunWatcher implements DisposableBean {

    /** How often the runs are looked over; each is polled on its own provider's schedule. */
    static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RunWatcher.class);

    private final RunWatch watch;
    private final PipelinePublisher publisher;
    private final KafkaListenerEndpointRegistry registry;
    private final KafkaOperations<Object, Object> kafka;
    private final SubmittedRuns runs;
    private final JobTrace trace;
    private final Set<JobId> looking = ConcurrentHashMap.newKeySet();
    private final ExecutorService looks = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("run-watch-", 0).factory());

    RunWatcher(RunWatch watch, PipelinePublisher publisher, KafkaListenerEndpointRegistry registry,
            KafkaOperations<Object, Object> kafka, SubmittedRuns runs, JobTrace trace) {
        this.watch = watch;
        this.publisher = publisher;
        this.registry = registry;
        this.kafka = kafka;
        this.runs = runs;
        this.trace = trace;
    }

    /** Looks at each run due, on a thread of its own: a run that ended has its images copied, which takes seconds. */
    void lookOver() {
        try {
            for (var run : watch.due(owned())) {
                if (looking.add(run.job())) {
                    looks.execute(() -> look(run));
                }
            }
        } catch (RejectedExecutionException stopping) {
            log.debug("Stopped looking over the submitted runs: the worker stops");
        } catch (RuntimeException e) {
            log.warn("Could not look over the submitted runs: {}", e.getMessage());
        }
    }

    private void look(Run run) {
        try {
            trace.within(runs.trace(run.job()), "pipeline.run-watch", () -> watch.look(run, publisher::publish));
        } catch (RuntimeException e) {
            log.warn("Could not settle {} run {} of job {}; trying again later: {}", run.provider(), run.id(),
                    run.job(), e.getMessage());
        } finally {
            looking.remove(run.job());
        }
    }

    /** The jobs whose callbacks this instance reads now. */
    private Predicate<JobId> owned() {
        var container = registry.getListenerContainer(GenerationWorkerKafkaConfiguration.CALLBACKS_LISTENER);
        var assigned = container == null ? null : container.getAssignedPartitions();
        if (assigned == null || assigned.isEmpty()) {
            return job -> false;
        }
        Set<Integer> mine = assigned.stream()
                .filter(partition -> partition.topic().equals(Topics.PROVIDER_CALLBACKS))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        int partitions = kafka.partitionsFor(Topics.PROVIDER_CALLBACKS).size();
        return job -> mine.contains(partition(job, partitions));
    }

    /** The partition the producers' default partitioner puts a record keyed by the job on. */
    static int partition(JobId job, int partitions) {
        return Utils.toPositive(Utils.murmur2(job.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Lets the looks in flight finish and publish before the producer goes away. */
    @Override
    public void destroy() {
        looks.close();
    }
}
