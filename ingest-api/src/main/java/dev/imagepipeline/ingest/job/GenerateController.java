package dev.imagepipeline.ingest.job;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.web.access.Caller;
import dev.imagepipeline.web.job.JobResult;
import dev.imagepipeline.web.observe.JobLogging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code POST /api/generate}: accepts a job and says where to watch it, or waits for it to finish. */
@RestController
@Tag(name = "Jobs", description = "One product, one job: submit it, read it, follow it, cancel it.")
class GenerateController {

    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";

    private final JobSubmission submission;
    private final JobWaits waits;
    private final KnownJobs known;
    private final Duration replayWait;

    GenerateController(JobSubmission submission, JobWaits waits, KnownJobs known, IngestApiSettings settings) {
        this.submission = submission;
        this.waits = waits;
        this.known = known;
        this.replayWait = settings.catalogs().replayWait();
    }

    /**
     * Queues the job and answers {@code 202} with where to watch it; with {@code Prefer: wait=N}, holds the answer up
     * to N seconds (at most 60) for the job to finish, and answers the job as {@code GET /api/generate/{id}} shows it:
     * {@code 200} once it finished, {@code 202} as it stands when the time is up. A request repeated with the same
     * {@code Idempotency-Key} queues nothing and answers {@code 202} with the first one's job.
     */
    @PostMapping(path = "/api/generate", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a job", description = """
            Validates the request, queues the job and answers `202` with its id and where to read it. With \
            `Prefer: wait=N` the answer waits up to N seconds (at most 60) for the job to finish: `200` with the \
            finished job, or `202` with the job as it stands when the time is up.""")
    @ApiResponse(responseCode = "200", description = "With `Prefer: wait=N`: the job finished within N seconds.", headers = {
            @Header(name = HttpHeaders.LOCATION, description = "Where to read the job.", schema = @Schema(type = "string")),
            @Header(name = PREFERENCE_APPLIED, description = "The wait that was applied, as `wait=N`.", schema = @Schema(type = "string"))}, content = @Content(schema = @Schema(implementation = JobResult.class)))
    @ApiResponse(responseCode = "202", description = """
            Queued: the job's id and `queued`; also for a request repeated with the same `Idempotency-Key`. With \
            `Prefer: wait=N`, the whole job as it stands after N seconds.""", headers = @Header(name = HttpHeaders.LOCATION, description = "Where to read the job: `/api/generate/{id}`.", schema = @Schema(type = "string")), content = @Content(schema = @Schema(anyOf = {
            Accepted.class, JobResult.class})))
    @ApiResponse(responseCode = "402", description = "The job's estimated cost would take the client's month past its budget; nothing was queued.")
    @ApiResponse(responseCode = "503", description = "The broker did not take the job, or this instance is still reading which jobs exist; nothing was queued.")
    ResponseEntity<?> generate(@Validated @RequestBody GenerateRequest request,
            @Parameter(description = "`wait=N`: wait up to N seconds (at most 60) for the job to finish.", example = "wait=30") @RequestHeader(name = PREFER, required = false) @Nullable String prefer,
            @Parameter(description = IdempotencyKey.DESCRIPTION, schema = @Schema(maxLength = 200)) @RequestHeader(name = IdempotencyKey.HEADER, required = false) @Nullable String idempotencyKey,
            Caller caller) {
        submission.check(request);
        String key = IdempotencyKey.checked(idempotencyKey);
        var id = key == null ? JobId.random() : IdempotencyKey.job(key, caller.client());
        // This request's log lines name its job from here on; JobLogging removes it when the request ends.
        MDC.put(JobLogging.KEY, id.toString());
        if (key != null && !claim(id)) {
            return accepted(id);
        }
        try {
            var wait = PreferWait.of(prefer);
            if (wait.isPresent()) {
                return waitFor(id, request, caller, wait.get());
            }
            submission.submit(id, request, caller.client());
            return accepted(id);
        } catch (RuntimeException e) {
            known.forget(id);
            throw e;
        }
    }

    private ResponseEntity<?> waitFor(JobId id, GenerateRequest request, Caller caller, Duration wait) {
        try (var waiter = waits.register(id)) {
            var job = waiter.await(submission.submit(id, request, caller.client()), wait);
            return ResponseEntity.status(job.status().finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .location(location(id))
                    .header(PREFERENCE_APPLIED, "wait=" + wait.toSeconds())
                    .body(job);
        }
    }

    /** Takes the job of a keyed request, unless a request with the same key made it already. */
    private boolean claim(JobId id) {
        if (!known.awaitCaughtUp(replayWait)) {
            throw new RecentJobsUnreadException();
        }
        return known.claim(id);
    }

    private static ResponseEntity<Accepted> accepted(JobId id) {
        return ResponseEntity.accepted().location(location(id)).body(new Accepted(id.toString(), "queued"));
    }

    private static URI location(JobId id) {
        return URI.create("/api/generate/" + id);
    }

    /** The 202 body: the job's id and its first status. */
    record Accepted(String id, String status) {
    }
}
