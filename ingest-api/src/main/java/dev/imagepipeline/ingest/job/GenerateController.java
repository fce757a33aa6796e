package dev.imagepipeline.ingest.job;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.contracts.JobId;

/** {@code POST /api/generate}: accepts a job and says where to watch it, or waits for it to finish. */
@RestController
class GenerateController {

    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";

    private final JobSubmission submission;
    private final JobWaits waits;

    GenerateController(JobSubmission submission, JobWaits waits) {
        this.submission = submission;
        this.waits = waits;
    }

    /**
     * Queues the job and answers {@code 202} with where to watch it; with {@code Prefer: wait=N}, holds the answer up
     * to N seconds (at most 60) for the job to finish, and answers the job as {@code GET /api/generate/{id}} shows it:
     * {@code 200} once it finished, {@code 202} as it stands when the time is up.
     */
    @PostMapping(path = "/api/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> generate(@Validated @RequestBody GenerateRequest request,
            @RequestHeader(name = PREFER, required = false) @Nullable String prefer) {
        submission.check(request);
        var wait = PreferWait.of(prefer);
        if (wait.isEmpty()) {
            var id = submission.submit(request);
            return ResponseEntity.accepted().location(location(id)).body(new Accepted(id.toString(), "queued"));
        }
        var id = JobId.random();
        try (var waiter = waits.register(id)) {
            var job = waiter.await(submission.submit(id, request), wait.get());
            return ResponseEntity.status(job.status().finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .location(location(id))
                    .header(PREFERENCE_APPLIED, "wait=" + wait.get().toSeconds())
                    .body(job);
        }
    }

    private static URI location(JobId id) {
        return URI.create("/api/generate/" + id);
    }

    /** The 202 body: the job's id and its first status. */
    record Accepted(String id, String status) {
    }
}
