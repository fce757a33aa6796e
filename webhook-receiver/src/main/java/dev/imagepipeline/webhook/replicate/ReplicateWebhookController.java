package dev.imagepipeline.webhook.replicate;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import dev.imagepipeline.webhook.CallbackPublisher;
import dev.imagepipeline.webhook.WebhookReceiverSettings;
import dev.imagepipeline.webhook.delivery.CallbackBody;
import dev.imagepipeline.webhook.delivery.CallbackProblems;
import dev.imagepipeline.webhook.delivery.CallbackRelay;
import dev.imagepipeline.webhook.signature.StandardWebhookVerifier;
import dev.imagepipeline.webhook.signature.Verification.Postponed;
import dev.imagepipeline.webhook.signature.Verification.Reason;
import dev.imagepipeline.webhook.signature.Verification.Rejected;
import dev.imagepipeline.webhook.signature.Verification.Verified;
import dev.imagepipeline.webhook.signature.WebhookHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives Replicate's prediction webhooks at {@code POST /api/webhook/replicate?job=<uuid>} and relays each signed
 * one, body untouched, as a {@link ProviderCallback} for generation-worker to interpret. Nothing is published for a
 * callback that is rejected, nor for a retry of a delivery that was already relayed.
 */
@RestController
@Tag(name = "Webhooks", description = "Signed provider callbacks (Standard Webhooks): no API key, the signature is checked.")
class ReplicateWebhookController {

    static final String PROVIDER = "replicate";

    private static final Logger log = LoggerFactory.getLogger(ReplicateWebhookController.class);

    private final StandardWebhookVerifier verifier;
    private final JsonMapper json;
    private final CallbackRelay relay;
    private final int maxBodyBytes;
    private final AtomicBoolean warnedAboutMissingSecret = new AtomicBoolean();

    ReplicateWebhookController(StandardWebhookVerifier verifier, JsonMapper json, CallbackPublisher callbacks,
            Clock clock, WebhookReceiverSettings settings) {
        this.verifier = verifier;
        this.json = json;
        this.relay = new CallbackRelay(callbacks, clock, settings.tolerance());
        this.maxBodyBytes = settings.maxBodyBytes();
    }

    @PostMapping("/api/webhook/replicate")
    @Operation(summary = "Receive a Replicate prediction's webhook", description = """
            Verifies the Standard Webhooks signature with Replicate's signing secret and relays the prediction, \
            untouched, to the job named by `job`. Duplicate and late deliveries change nothing.""", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The prediction, as Replicate sends it.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "204", description = "Verified and recorded, or a duplicate of a delivery that was.")
    @ApiResponse(responseCode = "401", description = "The signature is missing, wrong or too old; `reason` says which.")
    @ApiResponse(responseCode = "503", description = "The signing secret is not at hand yet, or the callback could not be recorded; deliver it again.")
    ResponseEntity<Void> receive(
            @Parameter(description = "The job the prediction runs, as the worker named it in the webhook URL.") @RequestParam(name = "job", required = false) @Nullable String job,
            @RequestHeader(name = WebhookHeaders.ID, required = false) @Nullable String id,
            @RequestHeader(name = WebhookHeaders.TIMESTAMP, required = false) @Nullable String timestamp,
            @RequestHeader(name = WebhookHeaders.SIGNATURE, required = false) @Nullable String signature,
            @Parameter(hidden = true) HttpServletRequest request) {
        byte[] body = CallbackBody.read(request, maxBodyBytes);
        return switch (verifier.verify(new WebhookHeaders(id, timestamp, signature), body)) {
            // A verified callback has its webhook-id: the signature covers it.
            case Verified() -> accept(job, Objects.requireNonNull(id), body);
            case Rejected(Reason reason) -> throw reject(reason);
            case Postponed(Duration retryAfter) -> throw CallbackProblems.secretUnavailable(retryAfter);
        };
    }

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
    }

    @ExceptionHandler(PublishFailedException.class)
    ResponseEntity<ProblemDetail> notRecorded(PublishFailedException e) {
        log.error("A verified Replicate callback could not be published; answering 503 so Replicate retries", e);
        return problem(CallbackProblems.notRecorded());
    }

    private ResponseEntity<Void> accept(@Nullable String job, String deliveryId, byte[] body) {
        JobId jobId = parseJob(job);
        requireJsonObject(body);
        relay.relay(PROVIDER, jobId, deliveryId, body);
        return ResponseEntity.noContent().build();
    }

    private void requireJsonObject(byte[] body) {
        JsonNode parsed;
        try {
            parsed = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JacksonException e) {
            throw Problems.notAJsonObject();
        }
        if (parsed == null || !parsed.isObject()) {
            throw Problems.notAJsonObject();
        }
    }

    private ErrorResponseException reject(Reason reason) {
        // Logged once, not per callback: without a secret every callback fails the same way.
        if (reason == Reason.NO_SECRET && warnedAboutMissingSecret.compareAndSet(false, true)) {
            log.warn("Rejecting Replicate callbacks: no signing secret is set (REPLICATE_WEBHOOK_SECRET, "
                    + "WEBHOOK_SECRET or pipeline.webhook-receiver.replicate-secret) and no REPLICATE_API_TOKEN "
                    + "(pipeline.webhook-receiver.replicate-api-token) to fetch it with. Unsigned callbacks are "
                    + "never accepted.");
        } else if (reason != Reason.NO_SECRET) {
            log.info("Rejected a Replicate callback: {}", reason.code());
        }
        return CallbackProblems.signatureRejected(reason);
    }

    private static JobId parseJob(@Nullable String job) {
        try {
            return JobId.parse(job == null ? "" : job.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.invalidJob();
        }
    }
}
