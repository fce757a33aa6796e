package dev.imagepipeline.ingest.job;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.ingest.callback.CallbackUrlRule;
import dev.imagepipeline.web.RejectedFieldException;

/** {@code POST /api/generate}: accepts a job and says where to watch it. */
@RestController
class GenerateController {

    private final JobSubmission submission;
    private final CallbackUrlRule callbackUrls;

    GenerateController(JobSubmission submission, CallbackUrlRule callbackUrls) {
        this.submission = submission;
        this.callbackUrls = callbackUrls;
    }

    @PostMapping(path = "/api/generate", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> generate(@Validated @RequestBody GenerateRequest request) {
        if (request.provider() != null && !submission.providers().contains(request.provider())) {
            throw new RejectedFieldException("provider",
                    "'" + request.provider() + "' is not allowed; allowed values: " + submission.providers());
        }
        callbackUrls.check(request.callbackUrl());
        var id = submission.submit(request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/generate/" + id))
                .body(new Accepted(id.toString(), "queued"));
    }

    /** The 202 body: the job's id and its first status. */
    record Accepted(String id, String status) {
    }
}
