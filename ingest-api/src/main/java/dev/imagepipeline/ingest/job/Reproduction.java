package dev.imagepipeline.ingest.job;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.web.RejectedFieldException;

/**
 * The rules a record given back to {@code POST /api/generate} as {@code reproduce} is held to: as strict as a request
 * composed from its fields, since its prompt and settings reach the provider as they are.
 */
final class Reproduction {

    static final int MAX_PROMPT_LENGTH = 4000;
    static final int MAX_STEPS = 150;
    static final long MAX_SEED = 0xFFFF_FFFFL;
    private static final String FIELD = "reproduce";

    private Reproduction() {
    }

    /**
     * @throws RejectedFieldException naming the first field that disagrees with the record, or the record's first
     *         field that breaks a rule
     */
    static void check(GenerateRequest request, ImageRecord record, List<String> providers) {
        agrees(request, record);
        require(!record.description().isBlank(), "description", "must not be blank");
        require(record.description().length() <= Limits.MAX_DESCRIPTION_LENGTH, "description",
                "must be at most " + Limits.MAX_DESCRIPTION_LENGTH + " characters");
        require(record.category() != null, "category", "must not be null");
        require(record.style() != null, "style", "must not be null");
        require(!record.autofix() || record.marketplace() != null, "autofix",
                "needs a marketplace whose rules to fix the images by");
        require(providers.contains(record.provider()), "provider",
                "'" + record.provider() + "' is not allowed; allowed values: " + providers);
        require(!record.model().isBlank() && record.model().length() <= 200, "model",
                "must be from 1 to 200 characters");
        require(!record.prompt().isBlank() && record.prompt().length() <= MAX_PROMPT_LENGTH, "prompt",
                "must be from 1 to " + MAX_PROMPT_LENGTH + " characters");
        require(record.negativePrompt().length() <= MAX_PROMPT_LENGTH, "negativePrompt",
                "must be at most " + MAX_PROMPT_LENGTH + " characters");
        var settings = record.settings();
        side(settings.width(), "settings.width");
        side(settings.height(), "settings.height");
        require(settings.numImages() >= Limits.MIN_IMAGES && settings.numImages() <= Limits.MAX_IMAGES,
                "settings.numImages", "must be from " + Limits.MIN_IMAGES + " to " + Limits.MAX_IMAGES);
        Double guidance = settings.guidanceScale();
        require(guidance == null || guidance >= Limits.MIN_GUIDANCE_SCALE && guidance <= Limits.MAX_GUIDANCE_SCALE,
                "settings.guidanceScale",
                "must be from " + Limits.MIN_GUIDANCE_SCALE + " to " + Limits.MAX_GUIDANCE_SCALE);
        Integer steps = settings.numInferenceSteps();
        require(steps == null || steps >= 1 && steps <= MAX_STEPS, "settings.numInferenceSteps",
                "must be from 1 to " + MAX_STEPS);
        require(settings.seed() >= 0 && settings.seed() <= MAX_SEED, "settings.seed", "must be from 0 to " + MAX_SEED);
    }

    /**
     * What the job asks of its images, for its acceptance to show: the record's count, guidance and seed, and the
     * smallest offered size that holds the record's; the record's own size is what the provider is asked for.
     */
    static GenerationSettings settings(ImageRecord record) {
        var model = record.settings();
        int longest = Math.max(model.width(), model.height());
        var resolution = Resolution.R1024;
        for (var offered : Resolution.values()) {
            if (offered.width() >= longest) {
                resolution = offered;
                break;
            }
        }
        return new GenerationSettings(model.numImages(), resolution, model.guidanceScale(), model.seed());
    }

    /**
     * The record says what the other fields would: those given must agree with it, and those it has no place for
     * (the settings as the API names them, additional context) would be ignored, so they are refused.
     */
    private static void agrees(GenerateRequest request, ImageRecord record) {
        refused("additionalContext", request.additionalContext());
        refused("settings", request.settings());
        agrees("description", request.description() == null ? null : request.description().strip(),
                record.description().strip());
        agrees("category", request.category(), record.category());
        agrees("style", request.style(), record.style());
        agrees("marketplace", request.marketplace(), record.marketplace());
        agrees("provider", request.provider(), record.provider());
        agrees("model", request.model(), record.model());
        agrees("autofix", request.autofix(), record.autofix());
    }

    private static void refused(String field, @Nullable Object value) {
        if (value != null) {
            throw new RejectedFieldException(field,
                    "must be left out when reproduce is given: the record says what the image was made with");
        }
    }

    private static void agrees(String field, @Nullable Object value, @Nullable Object recorded) {
        if (value != null && !value.equals(recorded)) {
            throw new RejectedFieldException(field,
                    "must be left out when reproduce is given, or be the record's: " + recorded);
        }
    }

    private static void side(int side, String field) {
        require(side >= Limits.MIN_SIDE && side <= Limits.MAX_SIDE, field,
                "must be from " + Limits.MIN_SIDE + " to " + Limits.MAX_SIDE);
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new RejectedFieldException(FIELD + "." + field, message);
        }
    }
}
