package dev.imagepipeline.generation.provider.relay;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.JobId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One relayed result, as webhook-receiver checked it: the format is documented in its README. Only the fields of the
 * result's status are read, as the receiver checks only those.
 */
sealed interface RelayedResult {

    JobId job();

    record Processing(JobId job, @Nullable Progress progress) implements RelayedResult {
    }

    record Succeeded(JobId job, String model, @Nullable Long seed, List<Image> images) implements RelayedResult {
    }

    record Failed(JobId job, Error error) implements RelayedResult {
    }

    record Progress(int step, int of) {
    }

    /** Either a URL to fetch the image from, or the image itself in base64. */
    record Image(@Nullable String url, @Nullable String base64, @Nullable String contentType) {
    }

    record Error(String reason, String message) {
    }

    /**
     * @throws IllegalArgumentException when the body is not a relayed result
     */
    static RelayedResult parse(String body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            JobId job = JobId.parse(root.path("job").asString(""));
            return switch (root.path("status").asString("")) {
                case "processing" -> new Processing(job, optional(root.get("progress"), Progress.class));
                case "succeeded" -> new Succeeded(job, root.path("model").asString("unknown"),
                        optional(root.get("seed"), Long.class), List.of(read(root.get("images"), Image[].class)));
                case "failed" -> new Failed(job, read(root.get("error"), Error.class));
                default -> throw new IllegalArgumentException("The relayed result has no known status.");
            };
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The body is not a relayed result: " + e.getOriginalMessage());
        }
    }

    private static <T> @Nullable T optional(@Nullable JsonNode node, Class<T> type) {
        return node == null || node.isNull() ? null : Json.MAPPER.treeToValue(node, type);
    }

    private static <T> T read(@Nullable JsonNode node, Class<T> type) {
        T value = optional(node, type);
        if (value == null) {
            throw new IllegalArgumentException("The relayed result lacks its " + type.getSimpleName() + ".");
        }
        return value;
    }

    /** The interface's own reader: relays may add fields, which are ignored. */
    final class Json {

        static final JsonMapper MAPPER = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();

        private Json() {
        }
    }
}
