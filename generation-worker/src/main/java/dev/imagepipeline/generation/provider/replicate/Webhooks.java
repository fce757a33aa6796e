package dev.imagepipeline.generation.provider.replicate;

import java.net.URI;
import java.util.Locale;

import org.springframework.web.util.UriComponentsBuilder;

import dev.imagepipeline.contracts.JobId;

/**
 * Where Replicate calls back about a job's prediction: webhook-receiver's endpoint under the pipeline's public
 * address, with the job in the query, which Replicate keeps.
 *
 * @param publicBaseUrl the address Replicate reaches the pipeline at, such as {@code https://images.example.com}
 */
record Webhooks(URI publicBaseUrl) {

    static final String PATH = "/api/webhook/replicate";

    /** webhook-receiver's endpoint, under the base URL's own path, if it has one. */
    URI endpoint() {
        return UriComponentsBuilder.fromUri(publicBaseUrl).path(PATH).build().toUri();
    }

    /** Whether Replicate could reach the address at all: a loopback address, the runner's default, it cannot. */
    boolean reachable() {
        String host = publicBaseUrl.getHost() == null ? "" : publicBaseUrl.getHost().toLowerCase(Locale.ROOT);
        return !(host.isEmpty() || host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]"));
    }

    URI forJob(JobId job) {
        return UriComponentsBuilder.fromUri(endpoint()).queryParam("job", job.toString()).build().toUri();
    }
}
