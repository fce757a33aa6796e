package dev.imagepipeline.ingest.job;

import java.time.Clock;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.ingest.IngestApiSettings;

/** Turns a valid request into a new job on the queue. */
@Service
class JobSubmission {

    private final JobQueue queue;
    private final List<String> providers;
    private final Clock clock;

    JobSubmission(JobQueue queue, IngestApiSettings settings, Environment environment, Clock clock) {
        this.queue = queue;
        this.providers = settings.providers(environment);
        this.clock = clock;
    }

    /** The providers a job may name. */
    List<String> providers() {
        return providers;
    }

    JobId submit(GenerateRequest request) {
        var job = new JobSubmitted(JobId.random(), request.description().strip(), request.additionalContext(),
                request.category(), request.style(), request.marketplace(), settings(request.settings()),
                request.provider(), request.model(), request.callbackUrl(), Lane.INTERACTIVE, clock.instant(), null);
        queue.enqueue(job, new JobAccepted(job.jobId(), job.submittedAt(), job.description(), job.category(),
                job.style(), job.settings(), job.provider(), job.lane(), job.callbackUrl(), job.catalog()));
        return job.jobId();
    }

    private static GenerationSettings settings(GenerateRequest.Settings asked) {
        if (asked == null) {
            return new GenerationSettings(1, Resolution.R1024, null, null);
        }
        return new GenerationSettings(asked.numImages() != null ? asked.numImages() : 1,
                asked.resolution() != null ? asked.resolution() : Resolution.R1024, asked.guidanceScale(),
                asked.seed());
    }
}
