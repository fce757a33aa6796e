package dev.imagepipeline.ingest.job;

import java.time.Clock;
import java.time.Duration;
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
import dev.imagepipeline.ingest.budget.CostEstimates;
import dev.imagepipeline.ingest.budget.Ledger;
import dev.imagepipeline.ingest.callback.CallbackUrlRule;
import dev.imagepipeline.web.RejectedFieldException;

/** Turns a valid request into a job: one on its own, or one item of a catalog. */
@Service
public class JobSubmission {

    private final JobQueue queue;
    private final CallbackUrlRule callbackUrls;
    private final List<String> providers;
    private final CostEstimates estimates;
    private final Ledger ledger;
    private final KnownJobs known;
    private final Duration replayWait;
    private final Clock clock;

    JobSubmission(JobQueue queue, CallbackUrlRule callbackUrls, IngestApiSettings settings, Environment environment,
            CostEstimates estimates, Ledger ledger, KnownJobs known, Clock clock) {
        this.queue = queue;
        this.callbackUrls = callbackUrls;
        this.providers = settings.providers(environment);
        this.estimates = estimates;
        this.ledger = ledger;
        this.known = known;
        this.replayWait = settings.catalogs().replayWait();
        this.clock = clock;
    }

    /**
     * Checks what bean validation cannot: that the provider is one this pipeline offers and that the callback URL is
     * one result-notifier would call.
     *
     * @throws RejectedFieldException naming the field and why
     */
    public void check(GenerateRequest request) {
        var record = request.reproduce();
        if (record != null) {
            Reproduction.check(request, record, providers);
        } else if (request.fixes() && request.marketplace() == null) {
            throw new RejectedFieldException("autofix", "needs a marketplace whose rules to fix the images by");
        }
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
        awaitLedger(client);
        ledger.reserve(job, accepted.estimatedCost());
        try {
            queue.enqueue(job, accepted);
        } catch (RuntimeException e) {
            ledger.ended(id);
            throw e;
        }
        return accepted;
    }

    /**
     * Reserves a catalog item's estimated cost in its client's month.
     *
     * @throws dev.imagepipeline.ingest.budget.BudgetExceededException when it would take the month past the client's
     *         budget
     */
    public void reserve(JobSubmitted job) {
        ledger.reserve(job, estimates.estimate(job));
    }

    /** A reserved job that was not queued after all costs nothing. */
    public void release(JobSubmitted job) {
        ledger.ended(job.jobId());
    }

    /**
     * Waits, if the client has a budget, until this instance has read what the client spent this month.
     *
     * @throws RecentJobsUnreadException when it has not read it in time
     */
    public void awaitLedger(@Nullable String client) {
        if (ledger.budgeted(client) && !known.awaitCaughtUp(replayWait)) {
            throw new RecentJobsUnreadException();
        }
    }

    /** The job a checked request asks for: a record to reproduce says all but its callback URL. */
    public JobSubmitted job(JobId id, GenerateRequest request, Lane lane, @Nullable CatalogItem item,
            @Nullable String client) {
        var record = request.reproduce();
        if (record != null) {
            return new JobSubmitted(id, record.description().strip(), null, record.category(), record.style(),
                    record.marketplace(), Reproduction.settings(record), record.provider(), record.model(),
                    request.callbackUrl(), lane, clock.instant(), item, client, record.autofix(), record);
        }
        return new JobSubmitted(id, request.description().strip(), request.additionalContext(), request.category(),
                request.style(), request.marketplace(), settings(request.settings()), request.provider(),
                request.model(), request.callbackUrl(), lane, clock.instant(), item, client, request.fixes(), null);
    }

    /** How the job is announced on the completion topic, with what it is expected to cost. */
    public JobAccepted accepted(JobSubmitted job) {
        return new JobAccepted(job.jobId(), job.submittedAt(), job.description(), job.category(), job.style(),
                job.settings(), job.provider(), job.lane(), job.callbackUrl(), job.catalog(), job.client(),
                estimates.estimate(job));
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
