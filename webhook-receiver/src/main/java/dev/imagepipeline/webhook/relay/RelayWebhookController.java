package dev.imagepipeline.webhook.relay;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import dev.imagepipeline.webhook.CallbackPublisher;
import dev.imagepipeline.webhook.WebhookReceiverSettings;
import dev.imagepipeline.webhook.delivery.CallbackBody;
import dev.imagepipeline.webhook.delivery.CallbackProblems;
import dev.imagepipeline.webhook.delivery.CallbackRelay;
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

/**
 * Receives the results a relay reports for Hugging Face and Stability jobs, which those vendors cannot call back with
 * themselves: {@code POST /api/webhook/huggingface} and {@code /stability}, signed the Standard Webhooks way with
 * {@code WEBHOOK_SECRET}. A signed, well-formed result is relayed, body untouched, as a {@link ProviderCallback} named
 * after the vendor; generation-worker turns it into the job's outcome.
 */
@RestController
@Tag(name = "Webhooks", description = "Signed provider callbacks (Standard Webhooks): no API key, the signature is checked.")
class RelayWebhookController {

    private static final Logger log = LoggerFactory.getLogger(RelayWebhookController.class);

    private final RelayChecks checks;
    private final CallbackRelay relay;
    private final int maxBodyBytes;
    private final AtomicBoolean warnedAboutMissingSecret = new AtomicBoolean();

    RelayWebhookController(RelayChecks checks, CallbackPublisher callbacks, Clock clock,
            WebhookReceiverSettings settings) {
        this.checks = checks;
        this.relay = new CallbackRelay(callbacks, clock, settings.tolerance());
        this.maxBodyBytes = settings.relayMaxBodyBytes();
    }

    @PostMapping("/api/webhook/{provider:huggingface|stability}")
    @Operation(summary = "Receive a relayed Hugging Face or Stability result", description = """
            A relay that ran a job at Hugging Face or Stability reports its result here, in the documented JSON \
            format (see webhook-receiver's README), signed the Standard Webhooks way with `WEBHOOK_SECRET`.""", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The relayed result.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "204", description = "Verified and recorded, or a duplicate of a delivery that was.")
    @ApiResponse(responseCode = "401", description = "The signature is missing, wrong or too old; `reason` says which.")
    @ApiResponse(responseCode = "503", description = "The callback could not be recorded; deliver it again.")
    ResponseEntity<Void> receive(
            @Parameter(description = "The provider that ran the job.", schema = @Schema(allowableValues = {
                    "huggingface", "stability"})) @PathVariable String provider,
            @RequestHeader(name = WebhookHeaders.ID, required = false) @Nullable String id,
            @RequestHeader(name = WebhookHeaders.TIMESTAMP, required = false) @Nullable String timestamp,
            @RequestHeader(name = WebhookHeaders.SIGNATURE, required = false) @Nullable String signature,
            @Parameter(hidden = true) HttpServletRequest request) {
        byte[] body = CallbackBody.read(request, maxBodyBytes);
        return switch (checks.signatures().verify(new WebhookHeaders(id, timestamp, signature), body)) {
            // A verified callback has its webhook-id: the signature covers it.
            case Verified() -> accept(provider, Objects.requireNonNull(id), body);
            case Rejected(Reason reason) -> throw reject(provider, reason);
            case Postponed(Duration retryAfter) -> throw CallbackProblems.secretUnavailable(retryAfter);
        };
    }

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
    }

    @ExceptionHandler(PublishFailedException.class)
    ResponseEntity<ProblemDetail> notRecorded(PublishFailedException e) {
        log.error("A verified relayed callback could not be published; answering 503 so the relay retries", e);
        return problem(CallbackProblems.notRecorded());
    }

    /** The receiver keeps no jobs: a result for a job it never saw is relayed, and the job view settles it. */
    private ResponseEntity<Void> accept(String provider, String deliveryId, byte[] body) {
        relay.relay(provider, checks.format().check(body), deliveryId, body);
        return ResponseEntity.noContent().build();
    }

    private ErrorResponseException reject(String provider, Reason reason) {
        // Logged once, not per callback: without a secret every callback fails the same way.
        if (reason == Reason.NO_SECRET && warnedAboutMissingSecret.compareAndSet(false, true)) {
            log.warn("Rejecting relayed Hugging Face and Stability callbacks: no signing secret is set "
                    + "(WEBHOOK_SECRET or pipeline.webhook-receiver.relay-secret). Unsigned callbacks are never "
                    + "accepted.");
        } else if (reason != Reason.NO_SECRET) {
            log.info("Rejected a relayed {} callback: {}", provider, reason.code());
        }
        return CallbackProblems.signatureRejected(reason);
    }
}
