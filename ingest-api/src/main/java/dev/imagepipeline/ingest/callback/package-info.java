/**
 * The rule a client's callback URL must meet before a job is accepted: http or https, no user information, and no host
 * that is a loopback, private, link-local, metadata or otherwise special address.
 */
@NullMarked
package dev.imagepipeline.ingest.callback;

import org.jspecify.annotations.NullMarked;
