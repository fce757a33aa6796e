package dev.imagepipeline.notifier.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.notifier.catalog.CatalogView;
import dev.imagepipeline.notifier.job.JobMetrics;
import dev.imagepipeline.notifier.job.JobView;

/** Feeds every job event into this instance's views: of jobs, and of the catalogs whose items they are. */
@Component
class JobEventListener {

    private final JobView view;
    private final CatalogView catalogs;
    private final JobMetrics metrics;

    JobEventListener(JobView view, CatalogView catalogs, JobMetrics metrics) {
        this.view = view;
        this.catalogs = catalogs;
        this.metrics = metrics;
    }

    @KafkaListener(id = "result-notifier.job-events", groupId = ResultNotifierKafkaConfiguration.GROUP_PREFIX
            + "#{T(java.util.UUID).randomUUID()}", topics = Topics.JOB_EVENTS, containerFactory = ResultNotifierKafkaConfiguration.CONTAINER_FACTORY)
    void on(JobEvent event, @Header(KafkaHeaders.OFFSET) long offset) {
        if (view.apply(offset, event)) {
            metrics.record(event);
        }
        catalogs.apply(event);
    }
}
