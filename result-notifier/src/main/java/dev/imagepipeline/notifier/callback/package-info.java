/**
 * Outgoing client webhooks: a job's events POSTed to its callback URL, signed the Standard Webhooks way, retried with
 * back-off, and never sent to an address the SSRF rule refuses.
 */
@NullMarked
package dev.imagepipeline.notifier.callback;

import org.jspecify.annotations.NullMarked;
