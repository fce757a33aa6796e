package dev.imagepipeline.notifier.callback;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.JobId;

/**
 * One event on its way to one callback URL.
 *
 * @param id the {@code webhook-id}: the same on every attempt, so a receiver can drop a repeat
 * @param client the client the job belongs to, whose key signs it, if the job has one
 * @param body the event's JSON exactly as it is on the completion topic
 * @param deadline no attempt starts after it
 * @param attempt this attempt's number, from 1
 */
record Delivery(String id, JobId job, @Nullable String client, URI url, byte[] body, Instant deadline, int attempt) {

    Delivery next() {
        return new Delivery(id, job, client, url, body, deadline, attempt + 1);
    }

    /** The host alone: the path and query of a callback URL may hold a client's token, so logs name only the host. */
    String host() {
        return String.valueOf(url.getHost());
    }

    @Override
    public String toString() {
        return "Delivery[id=" + id + ", job=" + job + ", host=" + host() + ", attempt=" + attempt + "]";
    }
}
