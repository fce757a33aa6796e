package dev.imagepipeline.contracts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step in the life of a job, as published on {@link Topics#JOB_EVENTS}. The {@code type} field names the step;
 * readers ignore fields they do not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = JobAccepted.class, name = "accepted"),
        @JsonSubTypes.Type(value = PromptPrepared.class, name = "prompt_prepared"),
        @JsonSubTypes.Type(value = GenerationSubmitted.class, name = "submitted"),
        @JsonSubTypes.Type(value = GenerationProgressed.class, name = "progress"),
        @JsonSubTypes.Type(value = GenerationSucceeded.class, name = "succeeded"),
        @JsonSubTypes.Type(value = GenerationFailed.class, name = "failed"),
        @JsonSubTypes.Type(value = JobCanceled.class, name = "canceled")})
public sealed interface JobEvent extends Versioned permits JobAccepted, PromptPrepared, GenerationSubmitted,
        GenerationProgressed, GenerationSucceeded, GenerationFailed, JobCanceled {

    JobId jobId();

    /** When the step happened. */
    Instant at();

    /** Whether no further step can follow. */
    default boolean terminal() {
        return this instanceof GenerationSucceeded || this instanceof GenerationFailed || this instanceof JobCanceled;
    }
}
