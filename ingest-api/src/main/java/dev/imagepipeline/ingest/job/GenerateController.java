package dev.imagepipeline.ingest.job;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/generate}: accepts a job and says where to watch it. */
@RestController
class GenerateController {

    private final JobSubmission submission;

    GenerateController(JobSubmission submission) {
        this.submission = submission;
    }

    @PostMapping(path = "/api/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> generate(@Validated @RequestBody GenerateRequest request) {
        submission.check(request);
        var id = submission.submit(request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/generate/" + id))
                .body(new Accepted(id.toString(), "queued"));
    }

    /** The 202 body: the job's id and its first status. */
    record Accepted(String id, String status) {
    }
}
