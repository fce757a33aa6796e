package dev.imagepipeline.generation.provider.huggingface;

import java.util.Arrays;
import java.util.Optional;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;

/**
 * Makes an image of a 200 answer's body. The Content-Type Hugging Face sends varies with the model's pipeline, so the
 * bytes themselves say what they are; a body that is no PNG, JPEG or WebP image is a malformed answer.
 */
final class ImageBytes {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP = {'W', 'E', 'B', 'P'};

    private ImageBytes() {
    }

    /**
     * @param width, height what was asked for; a WebP image, which the JDK cannot read, is taken to be that size
     * @throws ProviderException {@code malformed_response} when the body is not an image
     */
    static RenderedImage read(String model, Answer answer, int width, int height) {
        byte[] body = answer.body();
        String type = type(body).orElseThrow(() -> notAnImage(model, answer));
        if (type.equals("image/webp")) {
            return new RenderedImage(body, type, width, height);
        }
        return RenderedImage.decode(body)
                .orElseThrow(() -> new ProviderException("malformed_response",
                        "Hugging Face sent %s for %s that cannot be read".formatted(type, model), false));
    }

    private static Optional<String> type(byte[] body) {
        if (startsWith(body, 0, PNG)) {
            return Optional.of("image/png");
        }
        if (startsWith(body, 0, JPEG)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(body, 0, RIFF) && startsWith(body, 8, WEBP)) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] body, int offset, byte[] magic) {
        return body.length >= offset + magic.length
                && Arrays.equals(body, offset, offset + magic.length, magic, 0, magic.length);
    }

    private static ProviderException notAnImage(String model, Answer answer) {
        // An empty body looks like a cut connection; anything else, such as the JSON a model of another task answers
        // with, would come back the same, and must not open the circuit for every other job.
        boolean empty = answer.body().length == 0;
        return new ProviderException("malformed_response", "Hugging Face answered HTTP %d for %s with %s, not an image"
                .formatted(answer.status(), model, describe(answer)), empty);
    }

    private static String describe(Answer answer) {
        int size = answer.body().length;
        String type = answer.contentType();
        if (size == 0) {
            return "an empty body";
        }
        if (type != null && (type.contains("json") || type.startsWith("text/"))) {
            return "%s: %s".formatted(type, HuggingFaceErrors.message(answer.body()));
        }
        return "%d bytes of %s".formatted(size, type == null ? "no stated type" : type);
    }
}
