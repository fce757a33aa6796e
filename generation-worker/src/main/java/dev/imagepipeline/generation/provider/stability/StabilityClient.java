package dev.imagepipeline.generation.provider.stability;

import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.VendorAccess;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks Stability AI for one image: a multipart form to a v2beta Stable Image endpoint, or JSON to the v1 SDXL
 * endpoint. Either way the answer is JSON holding the image in base64.
 */
final class StabilityClient {

    private static final String SUCCESS = "SUCCESS";
    private static final String CONTENT_FILTERED = "CONTENT_FILTERED";

    private final RestClient http;
    private final StabilityFailures failures;

    StabilityClient(VendorAccess access, Clock clock) {
        this.http = access.client();
        this.failures = new StabilityFailures(access, clock);
    }

    StabilityImage generate(StabilityModel model, GenerationOrder order, long seed) {
        return model.legacy() ? textToImage(model, order, seed) : stableImage(model, order, seed);
    }

    /** What {@link #generate} sends besides the prompts: the form's fields, or the v1 body's parameters. */
    static Map<String, Object> sent(StabilityModel model, GenerationOrder order, long seed) {
        var sent = new LinkedHashMap<String, Object>();
        if (model.legacy()) {
            var request = TextToImageRequest.of(order, seed);
            if (request.cfgScale() != null) {
                sent.put("cfg_scale", request.cfgScale());
            }
            if (request.steps() != null) {
                sent.put("steps", request.steps());
            }
            sent.put("width", request.width());
            sent.put("height", request.height());
            sent.put("samples", request.samples());
            sent.put("seed", request.seed());
            return sent;
        }
        StableImageForm.of(model, order, seed).forEach((field, values) -> {
            if (!field.equals("prompt") && !field.equals("negative_prompt")) {
                sent.put(field, values.getFirst());
            }
        });
        return sent;
    }

    private StabilityImage stableImage(StabilityModel model, GenerationOrder order, long seed) {
        var request = http.post()
                .uri(model.path())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .accept(MediaType.APPLICATION_JSON)
                .body(StableImageForm.of(model, order, seed));
        var result = call(model, request, StableImageResult.class);
        return image(model, result.finishReason(), result.image(), result.seed(), seed);
    }

    private StabilityImage textToImage(StabilityModel model, GenerationOrder order, long seed) {
        var request = http.post()
                .uri(model.path())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(TextToImageRequest.of(order, seed));
        List<TextToImageResult.Artifact> artifacts = call(model, request, TextToImageResult.class).artifacts();
        if (artifacts == null || artifacts.isEmpty()) {
            throw failures.malformed(model, "the answer holds no artifact");
        }
        var artifact = artifacts.getFirst();
        return image(model, artifact.finishReason(), artifact.base64(), artifact.seed(), seed);
    }

    private StabilityImage image(StabilityModel model, @Nullable String finishReason, @Nullable String base64,
            @Nullable Long reportedSeed, long askedSeed) {
        long seed = reportedSeed != null ? reportedSeed : askedSeed;
        if (CONTENT_FILTERED.equals(finishReason)) {
            throw failures.filtered(model, seed);
        }
        if (finishReason != null && !SUCCESS.equals(finishReason)) {
            throw failures.unfinished(model, finishReason);
        }
        if (base64 == null || base64.isBlank()) {
            throw failures.malformed(model, "the answer holds no image");
        }
        try {
            return new StabilityImage(Base64.getDecoder().decode(base64), seed);
        } catch (IllegalArgumentException notBase64) {
            throw failures.malformed(model, "its image is not base64");
        }
    }

    private <T> T call(StabilityModel model, RestClient.RequestHeadersSpec<?> request, Class<T> type) {
        try {
            return request.exchangeForRequiredValue((sent, response) -> {
                byte[] body = response.getBody().readAllBytes();
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw failures.refused(model, response.getStatusCode().value(), response.getHeaders(), body);
                }
                return read(model, body, type);
            });
        } catch (ResourceAccessException e) {
            throw failures.unreachable(model, e);
        }
    }

    private <T> T read(StabilityModel model, byte[] body, Class<T> type) {
        try {
            T value = JsonMapper.shared().readValue(body, type);
            if (value != null) {
                return value;
            }
        } catch (JacksonException unreadable) {
            // Reported below, like a body of plain null.
        }
        throw failures.malformed(model, "its body is not the documented JSON");
    }
}
