package dev.imagepipeline.notifier.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.notifier.job.JobView;

/** Feeds every job event into this instance's view. */
@Component
class JobEventListener {

    private final JobView view;

    JobEventListener(JobView view) {
        this.view = view;
    }

    @KafkaListener(id = "result-notifier.job-events", groupId = ResultNotifierKafkaConfiguration.GROUP_PREFIX
            + "#{T(java.util.UUID).randomUUID()}", topics = Topics.JOB_EVENTS, containerFactory = ResultNotifierKafkaConfiguration.CONTAINER_FACTORY)
    void on(JobEvent event, @Header(KafkaHeaders.OFFSET) long offset) {
        view.apply(offset, event);
    }
}
