package dev.imagepipeline.generation.provider.replicate;

import java.net.URI;
import java.util.List;

import org.springframework.web.util.UriComponentsBuilder;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.RefusedCallbackException;

/**
 * Where Replicate calls back about a job's prediction: webhook-receiver's endpoint under the pipeline's public
 * address, with the job in the query, which Replicate keeps.
 *
 * @param publicBaseUrl the address Replicate reaches the pipeline at, such as {@code https://images.example.com}
 */
record Webhooks(URI publicBaseUrl) {

    static final String PATH = "/api/webhook/replicate";
    private static final CallbackUrlPolicy PUBLIC_ADDRESSES = new CallbackUrlPolicy(List.of());

    /** webhook-receiver's endpoint, under the base URL's own path, if it has one. */
    URI endpoint() {
        return UriComponentsBuilder.fromUri(publicBaseUrl).path(PATH).build().toUri();
    }

    /**
     * Whether Replicate could reach the address at all: by the rule a client's callback URL must pass, a loopback
     * (the runner's default), private or link-local address it cannot.
     */
    boolean reachable() {
        try {
            PUBLIC_ADDRESSES.check(endpoint().toString());
            return true;
        } catch (RefusedCallbackException e) {
            return false;
        }
    }

    URI forJob(JobId job) {
        return UriComponentsBuilder.fromUri(endpoint()).queryParam("job", job.toString()).build().toUri();
    }
}
