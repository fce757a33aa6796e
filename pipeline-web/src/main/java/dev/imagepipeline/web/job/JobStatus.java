package dev.imagepipeline.web.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.PromptPrepared;

/** Where a job stands, in the order a job moves through them. */
public enum JobStatus {
    @JsonProperty("queued")
    QUEUED,
    @JsonProperty("processing")
    PROCESSING,
    @JsonProperty("completed")
    COMPLETED,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("canceled")
    CANCELED;

    /** The status as the API writes it. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the job is over: nothing can change it any more. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    /** The status a job reaches with the event, unless it is further already. */
    public static JobStatus after(JobEvent event) {
        return switch (event) {
            case JobAccepted e -> QUEUED;
            case PromptPrepared e -> QUEUED;
            case GenerationSubmitted e -> PROCESSING;
            case GenerationProgressed e -> PROCESSING;
            case GenerationSucceeded e -> COMPLETED;
            case GenerationFailed e -> FAILED;
            case JobCanceled e -> CANCELED;
        };
    }
}
