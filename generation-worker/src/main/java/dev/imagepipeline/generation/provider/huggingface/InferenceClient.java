package dev.imagepipeline.generation.provider.huggingface;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.VendorAccess;

/** Sends one text-to-image request to hf-inference and reads the answer whole, whatever its status. */
final class InferenceClient {

    /** Far above any image hf-inference makes; a longer body is not one. */
    private static final int LARGEST_BODY = 64 * 1024 * 1024;

    private final RestClient client;

    InferenceClient(VendorAccess access) {
        this.client = access.client();
    }

    /**
     * @param model a checked repository id, {@code owner/name}: each part becomes one path segment
     * @throws ProviderException when no answer came: {@code provider_timeout} or {@code provider_error}
     */
    Answer post(String model, TextToImageRequest request) {
        try {
            return client.post()
                    .uri(uri -> uri.pathSegment("models").pathSegment(model.split("/")).build())
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.IMAGE_PNG)
                    .body(request)
                    .exchange((sent, response) -> new Answer(response.getStatusCode().value(),
                            response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
                            response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), body(response.getBody())));
        } catch (ResourceAccessException e) {
            throw unreachable(model, e);
        }
    }

    private static byte[] body(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(LARGEST_BODY + 1);
        if (bytes.length > LARGEST_BODY) {
            throw new ProviderException("malformed_response",
                    "Hugging Face answered with more than %d MiB".formatted(LARGEST_BODY / 1024 / 1024), false);
        }
        return bytes;
    }

    private static ProviderException unreachable(String model, ResourceAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return new ProviderException("provider_timeout", "Hugging Face did not answer in time for " + model,
                        true);
            }
        }
        return new ProviderException("provider_error", "Hugging Face could not be reached for " + model, true);
    }
}
