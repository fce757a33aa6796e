package dev.imagepipeline.generation.provider.replicate;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.VendorAccess;
import dev.imagepipeline.generation.provider.replicate.ReplicateModel.Route;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Replicate's predictions API: create, get and cancel a prediction, and download the files it made. */
final class ReplicateClient {

    private static final String DELIVERY_HOST = "replicate.delivery";

    private final RestClient api;
    private final RestClient anonymous;
    private final String apiHost;
    private final JsonMapper json;
    private final ReplicateErrors errors;

    ReplicateClient(VendorAccess access, PollingClock clock) {
        this.api = access.client();
        // The token goes only to Replicate's own hosts, never to wherever an output URL happens to point.
        this.anonymous = api.mutate().defaultHeaders(headers -> headers.remove(HttpHeaders.AUTHORIZATION)).build();
        this.apiHost = access.baseUrl().getHost();
        this.json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.errors = new ReplicateErrors(json, clock, access);
    }

    /**
     * @param wait how long Replicate may hold the request open for the prediction to end ({@code Prefer: wait});
     *        absent to answer at once
     * @param cancelAfter when Replicate itself cancels the prediction, should nobody be left to do it
     * @param webhook where Replicate posts the prediction's start and end; absent when it is polled
     */
    Prediction create(Route route, Map<String, Object> input, @Nullable Duration wait, Duration cancelAfter,
            @Nullable URI webhook) {
        var request = switch (route) {
            case Route.Official(var owner, var name) ->
                api.post().uri("/v1/models/{owner}/{name}/predictions", owner, name).body(body(null, input, webhook));
            case Route.Versioned(var version) -> api.post().uri("/v1/predictions").body(body(version, input, webhook));
        };
        request.contentType(MediaType.APPLICATION_JSON).header("Cancel-After", cancelAfter.toSeconds() + "s");
        if (wait != null) {
            request.header("Prefer", "wait=" + wait.toSeconds());
        }
        return prediction(request, "creating a prediction of " + describe(route));
    }

    Prediction get(String id) {
        return prediction(api.get().uri("/v1/predictions/{id}", id), "polling prediction " + id);
    }

    /** Cancels a prediction; Replicate answers with the prediction, unchanged when it had already ended. */
    Prediction cancel(String id) {
        return prediction(api.post().uri("/v1/predictions/{id}/cancel", id), "canceling prediction " + id);
    }

    /** Fetches an output file before Replicate deletes it, an hour after the prediction. */
    Download download(URI url) {
        String action = "downloading " + url;
        var client = ownHost(url) ? api : anonymous;
        var answer = send(client.get().uri(url), action);
        if (answer.status().isError()) {
            throw new ProviderException("provider_error",
                    "Replicate answered HTTP %d while %s.".formatted(answer.status().value(), action), true);
        }
        return new Download(answer.body(), answer.headers().getContentType());
    }

    /** An output file's bytes, and their type if the server named it. */
    record Download(byte[] bytes, @Nullable MediaType contentType) {
    }

    private byte[] body(@Nullable String version, Map<String, Object> input, @Nullable URI webhook) {
        return json.writeValueAsBytes(CreatePrediction.of(version, input, webhook));
    }

    private Prediction prediction(RestClient.RequestHeadersSpec<?> request, String action) {
        var answer = send(request, action);
        if (answer.status().isError()) {
            throw errors.status(action, answer.status(), answer.headers(), answer.body());
        }
        try {
            return json.readValue(answer.body(), Prediction.class);
        } catch (JacksonException e) {
            throw errors.malformed(action, e.getOriginalMessage());
        }
    }

    private Answer send(RestClient.RequestHeadersSpec<?> request, String action) {
        try {
            return request.exchange((sent, response) -> new Answer(response.getStatusCode(), response.getHeaders(),
                    response.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            throw errors.unreachable(action, e);
        }
    }

    private boolean ownHost(URI url) {
        String host = url.getHost();
        return host != null && (host.equalsIgnoreCase(apiHost) || host.equalsIgnoreCase(DELIVERY_HOST)
                || host.toLowerCase(Locale.ROOT).endsWith("." + DELIVERY_HOST));
    }

    private static String describe(Route route) {
        return switch (route) {
            case Route.Official(var owner, var name) -> owner + "/" + name;
            case Route.Versioned(var version) -> version;
        };
    }

    private record Answer(HttpStatusCode status, HttpHeaders headers, byte[] body) {
    }
}
