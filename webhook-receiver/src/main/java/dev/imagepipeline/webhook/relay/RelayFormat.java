package dev.imagepipeline.webhook.relay;

import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.web.RejectedFieldException;
import dev.imagepipeline.webhook.delivery.CallbackProblems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relayed-result format, the same for every vendor without callbacks of its own: checks a body's shape and
 * limits, field by field, so a relay learns what is wrong at once rather than from a failed job. Fields it does not
 * know, and fields of another status, are left alone. The README documents the format.
 */
final class RelayFormat {

    static final int MAX_TEXT_LENGTH = 200;
    static final int MAX_MESSAGE_LENGTH = 1000;

    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final JsonMapper json;
    private final ImageUrls urls;

    RelayFormat(JsonMapper json, ImageUrls urls) {
        this.json = json;
        this.urls = urls;
    }

    /**
     * @return the job the body names
     * @throws RejectedFieldException naming the first field that breaks the format
     * @throws org.springframework.web.ErrorResponseException when the body is not one JSON object
     */
    JobId check(byte[] body) {
        JsonNode root = object(body);
        JobId job = job(root.get("job"));
        optionalText(root, "model");
        seed(root.get("seed"));
        switch (status(root.get("status"))) {
            case "processing" -> progress(root.get("progress"));
            case "succeeded" -> {
                text(root.get("model"), "model", MAX_TEXT_LENGTH);
                images(root.get("images"));
            }
            default -> error(root.get("error"));
        }
        return job;
    }

    private JsonNode object(byte[] body) {
        JsonNode root;
        try {
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JacksonException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw CallbackProblems.problem(HttpStatus.BAD_REQUEST, "Callback body is not a JSON object",
                    "A relayed result is one JSON object; see the format in webhook-receiver's README.");
        }
        return root;
    }

    private static JobId job(@Nullable JsonNode job) {
        try {
            return JobId.parse(text(job, "job", 36));
        } catch (IllegalArgumentException e) {
            throw new RejectedFieldException("job", "must be the job's id, a UUID");
        }
    }

    private static String status(@Nullable JsonNode status) {
        String value = status != null && status.isString() ? status.stringValue() : "";
        if (!value.equals("processing") && !value.equals("succeeded") && !value.equals("failed")) {
            throw new RejectedFieldException("status", "must be one of processing, succeeded, failed");
        }
        return value;
    }

    private static void seed(@Nullable JsonNode seed) {
        if (present(seed) && !(seed.isIntegralNumber() && seed.canConvertToLong() && seed.longValue() >= 0)) {
            throw new RejectedFieldException("seed", "must be a whole number from 0 up");
        }
    }

    private static void progress(@Nullable JsonNode progress) {
        if (!present(progress)) {
            return;
        }
        int of = wholeNumber(progress.get("of"), "progress.of", 1);
        int step = wholeNumber(progress.get("step"), "progress.step", 0);
        if (step > of) {
            throw new RejectedFieldException("progress.step", "must not be more than progress.of");
        }
    }

    private void images(@Nullable JsonNode images) {
        if (images == null || !images.isArray() || images.isEmpty() || images.size() > Limits.MAX_IMAGES) {
            throw new RejectedFieldException("images",
                    "must be a list of 1 to " + Limits.MAX_IMAGES + " images for a succeeded run");
        }
        for (int i = 0; i < images.size(); i++) {
            image(images.get(i), "images[" + i + "]");
        }
    }

    private void image(JsonNode image, String field) {
        boolean url = image.isObject() && present(image.get("url"));
        boolean base64 = image.isObject() && present(image.get("base64"));
        if (url == base64) {
            throw new RejectedFieldException(field, "must be an object with either url or base64");
        }
        if (url) {
            String refusal = urls.refusal(text(image.get("url"), field + ".url", Integer.MAX_VALUE));
            if (!refusal.isEmpty()) {
                throw new RejectedFieldException(field + ".url", refusal);
            }
        } else {
            inline(image, field);
        }
    }

    private static void inline(JsonNode image, String field) {
        String type = text(image.get("contentType"), field + ".contentType", MAX_TEXT_LENGTH);
        if (!ImageSignatures.known(type)) {
            throw new RejectedFieldException(field + ".contentType", "must be image/png, image/jpeg or image/webp");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text(image.get("base64"), field + ".base64", Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new RejectedFieldException(field + ".base64", "must be base64 (RFC 4648, without line breaks)");
        }
        if (!ImageSignatures.matches(type, bytes)) {
            throw new RejectedFieldException(field + ".base64", "must hold a " + type + " image");
        }
    }

    private static void error(@Nullable JsonNode error) {
        if (error == null || !error.isObject()) {
            throw new RejectedFieldException("error", "must be an object with reason and message for a failed run");
        }
        if (!REASON.matcher(text(error.get("reason"), "error.reason", 64)).matches()) {
            throw new RejectedFieldException("error.reason",
                    "must be a code of lower-case letters, digits and underscores, such as content_filtered");
        }
        text(error.get("message"), "error.message", MAX_MESSAGE_LENGTH);
    }

    private static void optionalText(JsonNode root, String field) {
        if (present(root.get(field))) {
            text(root.get(field), field, MAX_TEXT_LENGTH);
        }
    }

    private static String text(@Nullable JsonNode node, String field, int maxLength) {
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new RejectedFieldException(field, "must be a non-blank string");
        }
        if (node.stringValue().length() > maxLength) {
            throw new RejectedFieldException(field, "must be at most " + maxLength + " characters");
        }
        return node.stringValue();
    }

    private static int wholeNumber(@Nullable JsonNode node, String field, int min) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min) {
            throw new RejectedFieldException(field, "must be a whole number from " + min + " up");
        }
        return node.intValue();
    }

    private static boolean present(@Nullable JsonNode node) {
        return node != null && !node.isNull();
    }
}
