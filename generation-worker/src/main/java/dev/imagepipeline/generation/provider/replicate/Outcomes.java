package dev.imagepipeline.generation.provider.replicate;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.generation.provider.ProviderException;
import tools.jackson.databind.JsonNode;

/** What an ended prediction delivered: the URLs of its files, or the failure it ended in. */
final class Outcomes {

    private static final String SAFETY_CHECKER = "its safety checker drops the images it flags as NSFW.";

    private Outcomes() {
    }

    /**
     * @return the output files, fewer than asked or none when the safety checker dropped flagged images
     * @throws ProviderException for a prediction that failed, was canceled or was aborted
     */
    static List<URI> files(Prediction prediction) {
        String id = prediction.id();
        return switch (prediction.status()) {
            case SUCCEEDED -> delivered(prediction);
            case FAILED -> throw failed(prediction);
            case CANCELED -> throw new ProviderException("canceled",
                    "Replicate prediction " + id + " was canceled before it ended.", false);
            case ABORTED -> throw new ProviderException("provider_timeout", "Replicate prediction " + id
                    + " was aborted before it started: its deadline passed while it " + "was queued.", true);
            case STARTING, PROCESSING, UNKNOWN ->
                throw new IllegalStateException("prediction " + id + " has not ended: " + prediction.status());
        };
    }

    /**
     * Replicate's safety checker drops the images it flags, so fewer images than asked is an answer, not an error.
     *
     * @param planned what the order could not get as asked, to which a shortfall is added
     * @throws ProviderException {@code content_filtered} when no image was delivered at all
     */
    static List<String> warnings(List<String> planned, int asked, int delivered) {
        if (delivered == 0) {
            throw new ProviderException("content_filtered",
                    "Replicate delivered none of the %d images asked for: %s".formatted(asked, SAFETY_CHECKER), false);
        }
        var warnings = new ArrayList<>(planned);
        if (delivered < asked) {
            warnings.add("Replicate delivered %d of the %d images asked for: %s".formatted(delivered, asked,
                    SAFETY_CHECKER));
        }
        return warnings;
    }

    /** The prediction as the job records it: its id and the compute time Replicate reported. */
    static ProviderRun run(Prediction prediction) {
        var metrics = prediction.metrics();
        Long millis = metrics == null || metrics.predictTime() == null
                ? null
                : Math.round(metrics.predictTime() * 1000);
        return new ProviderRun(prediction.id(), millis);
    }

    private static List<URI> delivered(Prediction prediction) {
        if (prediction.removed()) {
            throw new ProviderException("provider_error", "Replicate prediction " + prediction.id()
                    + " succeeded, but Replicate removed its images before they could be copied.", false);
        }
        return urls(prediction.id(), prediction.output());
    }

    private static ProviderException failed(Prediction prediction) {
        String error = prediction.error() == null ? "no reason given" : prediction.error();
        String message = "Replicate prediction %s failed: %s".formatted(prediction.id(), error);
        // The safety checkers fail a prediction only when every image was flagged; their text names NSFW content.
        if (error.toLowerCase(Locale.ROOT).contains("nsfw")) {
            return new ProviderException("content_filtered", message, false);
        }
        return new ProviderException("provider_error", message, false);
    }

    /** Most models give a list of URLs; some, such as flux-1.1-pro, a single one. */
    private static List<URI> urls(String id, @Nullable JsonNode output) {
        if (output == null || output.isNull()) {
            return List.of();
        }
        var nodes = output.isArray() ? output.values() : List.of(output);
        var urls = new ArrayList<URI>();
        for (JsonNode node : nodes) {
            urls.add(url(id, node));
        }
        return urls;
    }

    private static URI url(String id, JsonNode node) {
        try {
            var url = node.isString() ? URI.create(node.stringValue()) : null;
            if (url != null && ("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // Reported below with the other shapes that are not a URL.
        }
        throw new ProviderException("malformed_response",
                "Replicate prediction %s succeeded with an output that is not a file URL: %.100s".formatted(id, node),
                true);
    }
}
