package dev.imagepipeline.ingest.job;

import java.time.Clock;

import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.PipelinePublisher;

/** Puts a validated request onto the pipeline as a new job. */
@Service
class JobSubmission {

    private final PipelinePublisher publisher;
    private final Clock clock = Clock.systemUTC();

    JobSubmission(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    /** Returns once the request is safely on the requests topic. */
    JobId submit(GenerateRequest request) {
        var job = new JobSubmitted(JobId.random(), request.description().strip(), request.category(), request.style(),
                settings(request.settings()), request.provider(), request.model(), null, Lane.INTERACTIVE,
                clock.instant());
        publisher.send(Topics.REQUESTS, job.jobId(), job);
        publisher.publish(new JobAccepted(job.jobId(), job.submittedAt(), job.description(), job.category(),
                job.style(), job.settings(), job.provider(), job.lane()));
        return job.jobId();
    }

    private static GenerationSettings settings(GenerateRequest.Settings asked) {
        if (asked == null) {
            return new GenerationSettings(1, Resolution.R1024, Limits.DEFAULT_GUIDANCE_SCALE, null);
        }
        return new GenerationSettings(asked.numImages() != null ? asked.numImages() : 1,
                asked.resolution() != null ? asked.resolution() : Resolution.R1024,
                asked.guidanceScale() != null ? asked.guidanceScale() : Limits.DEFAULT_GUIDANCE_SCALE, asked.seed());
    }
}
