package dev.imagepipeline.webhook.relay;

import dev.imagepipeline.webhook.signature.StandardWebhookVerifier;

/** What a relayed callback is checked with: its signature, then its shape. */
record RelayChecks(StandardWebhookVerifier signatures, RelayFormat format) {
}
