package dev.imagepipeline.generation.provider;

import java.util.Optional;

import dev.imagepipeline.contracts.ProviderCallback;

/** Reads a provider's callbacks about the runs it was {@linkplain ImageProvider#submit submitted}. */
public interface RunCallbacks {

    /** The provider whose callbacks these are, as jobs name it. */
    String provider();

    /**
     * Reads the callback and, for a run that ended well, fetches what it delivered.
     *
     * @throws ProviderException for a run that failed, or whose images could not be fetched
     * @throws IllegalArgumentException for a body that is not the provider's callback
     */
    Report read(ProviderCallback callback);

    /**
     * Cancels a run at the provider, for a job that was canceled after it was submitted, or a run past its deadline;
     * the provider's own callback then tells of it.
     *
     * @throws ProviderException when the provider could not be told
     */
    void cancel(String runId);

    /** How this provider's submitted runs are watched; empty when it submits none this worker could poll. */
    default Optional<RunSchedule> schedule() {
        return Optional.empty();
    }

    /**
     * Asks the provider how a submitted run stands, for a run whose callback is late: what its callback would have
     * said. A provider that could not be asked says {@link Report.Nothing}, so that the run is asked again later.
     *
     * @throws ProviderException for a run that failed, or whose images could not be fetched
     */
    default Report poll(String runId) {
        return new Report.Nothing(provider() + " runs cannot be polled");
    }

    /** What a callback said about its run. */
    sealed interface Report {

        /** The run moved on. */
        record Progress(int percent, String message) implements Report {
        }

        /** The run ended with images, which are now held here. */
        record Finished(GeneratedBatch batch) implements Report {
        }

        /**
         * Nothing to tell the job: a status this version does not know, or a repeat of a run already finished.
         *
         * @param why for the log
         */
        record Nothing(String why) implements Report {
        }
    }
}
