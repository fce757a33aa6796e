package dev.imagepipeline.webhook.replicate;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import dev.imagepipeline.webhook.OutcomePublisher;
import dev.imagepipeline.webhook.WebhookReceiverSettings;
import dev.imagepipeline.webhook.signature.StandardWebhookVerifier;
import dev.imagepipeline.webhook.signature.Verification.Reason;
import dev.imagepipeline.webhook.signature.Verification.Rejected;
import dev.imagepipeline.webhook.signature.WebhookHeaders;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Receives Replicate's prediction webhooks at {@code POST /api/webhook/replicate?job=<uuid>}: the body must be
 * signed, and becomes one event on the job's record. Nothing is published for a callback that is rejected.
 */
@RestController
class ReplicateWebhookController {

    private static final Logger log = LoggerFactory.getLogger(ReplicateWebhookController.class);

    private final StandardWebhookVerifier verifier;
    private final PredictionMapper mapper;
    private final OutcomePublisher outcomes;
    private final int maxBodyBytes;
    private final AtomicBoolean warnedAboutMissingSecret = new AtomicBoolean();

    ReplicateWebhookController(StandardWebhookVerifier verifier, PredictionMapper mapper, OutcomePublisher outcomes,
            WebhookReceiverSettings settings) {
        this.verifier = verifier;
        this.mapper = mapper;
        this.outcomes = outcomes;
        this.maxBodyBytes = settings.maxBodyBytes();
    }

    @PostMapping("/api/webhook/replicate")
    ResponseEntity<Void> receive(@RequestParam(name = "job", required = false) @Nullable String job,
            @RequestHeader(name = WebhookHeaders.ID, required = false) @Nullable String id,
            @RequestHeader(name = WebhookHeaders.TIMESTAMP, required = false) @Nullable String timestamp,
            @RequestHeader(name = WebhookHeaders.SIGNATURE, required = false) @Nullable String signature,
            HttpServletRequest request) {
        byte[] body = CallbackBody.read(request, maxBodyBytes);
        if (verifier.verify(new WebhookHeaders(id, timestamp, signature), body) instanceof Rejected(Reason reason)) {
            throw reject(reason);
        }
        JobId jobId = parseJob(job);
        mapper.map(jobId, body).ifPresent(this::publish);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
    }

    @ExceptionHandler(UnreadablePredictionException.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadablePredictionException e) {
        return problem(Problems.unreadablePrediction(e.getMessage()));
    }

    @ExceptionHandler(PublishFailedException.class)
    ResponseEntity<ProblemDetail> notRecorded(PublishFailedException e) {
        log.error("A verified Replicate callback could not be published; answering 503 so Replicate retries", e);
        return problem(Problems.notRecorded());
    }

    private void publish(JobEvent event) {
        outcomes.publish(event);
        log.info("Published {} for job {} from a Replicate callback", event.getClass().getSimpleName(), event.jobId());
    }

    private ErrorResponseException reject(Reason reason) {
        // Logged once, not per callback: without a secret every callback fails the same way.
        if (reason == Reason.NO_SECRET && warnedAboutMissingSecret.compareAndSet(false, true)) {
            log.warn("Rejecting Replicate callbacks: neither REPLICATE_WEBHOOK_SECRET nor WEBHOOK_SECRET "
                    + "(pipeline.webhook-receiver.replicate-secret) is set. Set it to the whsec_ key from "
                    + "GET https://api.replicate.com/v1/webhooks/default/secret; unsigned callbacks are never accepted.");
        } else if (reason != Reason.NO_SECRET) {
            log.info("Rejected a Replicate callback: {}", reason.code());
        }
        return Problems.signatureRejected(reason);
    }

    private static JobId parseJob(@Nullable String job) {
        try {
            return JobId.parse(job == null ? "" : job.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.invalidJob();
        }
    }
}
