package dev.imagepipeline.prompt.job;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.prompt.PromptWorkerSettings;
import dev.imagepipeline.prompt.engine.ModelCatalog;
import dev.imagepipeline.prompt.engine.PromptEngine;
import dev.imagepipeline.prompt.engine.PromptRequest;

/** Turns a submitted job into the prompt and the concrete settings its model receives. */
@Service
public class PromptPreparation {

    /** The warning a reproduced job's prompt carries, so its reader knows no prompt was composed. */
    static final String REPRODUCED = "reproduced from an image record; the prompt engine was not asked";

    private final PromptEngine engine = new PromptEngine();

    private final PromptWorkerSettings settings;
    private final Clock clock;

    PromptPreparation(PromptWorkerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when the request breaks the published limits; such a request never becomes
     *         valid, so it is not retried
     */
    public PromptPrepared prepare(JobSubmitted job) {
        check(job);
        if (job.reproduce() != null) {
            return reproduce(job, job.reproduce());
        }
        String provider = job.provider() != null ? job.provider() : settings.defaultProvider();
        var target = ModelCatalog.resolve(provider, job.model());
        GenerationSettings asked = job.settings();
        var prepared = engine.prepare(new PromptRequest(job.description(), job.additionalContext(), job.category(),
                job.style(), job.marketplace(), asked.resolution(), asked.guidanceScale()), target);
        long seed = asked.seed() != null ? asked.seed() : seedOf(job.jobId());
        var model = new ModelSettings(prepared.width(), prepared.height(), asked.numImages(),
                prepared.settings().guidanceScale(), prepared.settings().numInferenceSteps(), seed);
        return new PromptPrepared(job.jobId(), clock.instant(), job.description(), job.category(), job.style(),
                prepared.prompt(), prepared.negativePrompt(), model, provider, target.model(), job.lane(),
                job.callbackUrl(), job.marketplace(), prepared.warnings(), job.catalog(), job.client(), job.autofix());
    }

    /**
     * The record's prompt, settings, seed, provider and model as they are: composing the prompt again could differ
     * from the one the image was made with once the engine changes.
     */
    private PromptPrepared reproduce(JobSubmitted job, ImageRecord record) {
        return new PromptPrepared(job.jobId(), clock.instant(), record.description(), record.category(), record.style(),
                record.prompt(), record.negativePrompt(), record.settings(), record.provider(), record.model(),
                job.lane(), job.callbackUrl(), record.marketplace(), List.of(REPRODUCED), job.catalog(), job.client(),
                record.autofix());
    }

    /** A job without a seed gets one derived from its id, so a redelivered request prepares the same images. */
    static long seedOf(JobId jobId) {
        return jobId.value().getLeastSignificantBits() & 0xFFFF_FFFFL;
    }

    private static void check(JobSubmitted job) {
        require(job.jobId() != null && job.category() != null && job.style() != null && job.settings() != null
                && job.lane() != null, "jobId, category, style, settings and lane are required");
        require(job.description() != null && !job.description().isBlank(), "description must not be blank");
        require(job.description().length() <= Limits.MAX_DESCRIPTION_LENGTH,
                "description must be at most " + Limits.MAX_DESCRIPTION_LENGTH + " characters");
        require(job.additionalContext() == null
                || job.additionalContext().length() <= Limits.MAX_ADDITIONAL_CONTEXT_LENGTH,
                "additionalContext must be at most " + Limits.MAX_ADDITIONAL_CONTEXT_LENGTH + " characters");
        GenerationSettings asked = job.settings();
        require(asked.resolution() != null, "settings.resolution is required");
        require(asked.numImages() >= Limits.MIN_IMAGES && asked.numImages() <= Limits.MAX_IMAGES,
                "settings.numImages must be from " + Limits.MIN_IMAGES + " to " + Limits.MAX_IMAGES);
        Double guidance = asked.guidanceScale();
        require(guidance == null || guidance >= Limits.MIN_GUIDANCE_SCALE && guidance <= Limits.MAX_GUIDANCE_SCALE,
                "settings.guidanceScale must be from " + Limits.MIN_GUIDANCE_SCALE + " to "
                        + Limits.MAX_GUIDANCE_SCALE);
        if (job.reproduce() != null) {
            check(job.reproduce());
        }
    }

    /** What ingest-api holds a record to, again here for one that reached the topic some other way. */
    private static void check(ImageRecord record) {
        require(record.category() != null && record.style() != null, "reproduce.category and style are required");
        require(!record.prompt().isBlank(), "reproduce.prompt must not be blank");
        require(!record.provider().isBlank() && !record.model().isBlank(),
                "reproduce.provider and reproduce.model must not be blank");
        ModelSettings model = record.settings();
        require(model.numImages() >= Limits.MIN_IMAGES && model.numImages() <= Limits.MAX_IMAGES,
                "reproduce.settings.numImages must be from " + Limits.MIN_IMAGES + " to " + Limits.MAX_IMAGES);
        require(model.width() >= Limits.MIN_SIDE && model.width() <= Limits.MAX_SIDE
                && model.height() >= Limits.MIN_SIDE && model.height() <= Limits.MAX_SIDE,
                "reproduce.settings width and height must be from " + Limits.MIN_SIDE + " to " + Limits.MAX_SIDE);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("Invalid JobSubmitted: " + message);
        }
    }
}
