package dev.imagepipeline.ingest.job;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.ingest.callback.CallbackUrlRule;
import dev.imagepipeline.web.RejectedFieldException;

/** Turns a valid request into a job: one on its own, or one item of a catalog. */
@Service
public class JobSubmission {

    private final JobQueue queue;
    private final CallbackUrlRule callbackUrls;
    private final List<String> providers;
    private final Clock clock;

    JobSubmission(JobQueue queue, CallbackUrlRule callbackUrls, IngestApiSettings settings, Environment environment,
            Clock clock) {
        this.queue = queue;
        this.callbackUrls = callbackUrls;
        this.providers = settings.providers(environment);
        this.clock = clock;
    }

    /**
     * Checks what bean validation cannot: that the provider is one this pipeline offers and that the callback URL is
     * one result-notifier would call.
     *
     * @throws RejectedFieldException naming the field and why
     */
    public void check(GenerateRequest request) {
        if (request.provider() != null && !providers.contains(request.provider())) {
            throw new RejectedFieldException("provider",
                    "'" + request.provider() + "' is not allowed; allowed values: " + providers);
        }
        callbackUrls.check(request.callbackUrl());
    }

    /** Queues a single, interactive job under the id given, and returns its acceptance once it is safely queued. */
    JobAccepted submit(JobId id, GenerateRequest request, @Nullable String client) {
        var job = job(id, request, Lane.INTERACTIVE, null, client);
        var accepted = accepted(job);
        queue.enqueue(job, accepted);
        return accepted;
    }

    /** The job a checked request asks for. */
    public JobSubmitted job(JobId id, GenerateRequest request, Lane lane, @Nullable CatalogItem item,
            @Nullable String client) {
        return new JobSubmitted(id, request.description().strip(), request.additionalContext(), request.category(),
                request.style(), request.marketplace(), settings(request.settings()), request.provider(),
                request.model(), request.callbackUrl(), lane, clock.instant(), item, client);
    }

    /** How the job is announced on the completion topic. */
    public static JobAccepted accepted(JobSubmitted job) {
        return new JobAccepted(job.jobId(), job.submittedAt(), job.description(), job.category(), job.style(),
                job.settings(), job.provider(), job.lane(), job.callbackUrl(), job.catalog(), job.client());
    }

    private static GenerationSettings settings(GenerateRequest.@Nullable Settings asked) {
        if (asked == null) {
            return new GenerationSettings(1, Resolution.R1024, null, null);
        }
        return new GenerationSettings(asked.numImages() != null ? asked.numImages() : 1,
                asked.resolution() != null ? asked.resolution() : Resolution.R1024, asked.guidanceScale(),
                asked.seed());
    }
}
