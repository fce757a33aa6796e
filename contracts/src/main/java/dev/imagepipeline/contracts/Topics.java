package dev.imagepipeline.contracts;

import java.util.List;

/** Every topic name of the pipeline. Every record is keyed by its {@link JobId}. */
public final class Topics {

    /** {@link JobSubmitted} from ingest-api and upstream systems, read by prompt-worker: single jobs. */
    public static final String REQUESTS = "pipeline.requests";

    /**
     * {@link JobSubmitted} of catalogs, read by prompt-worker with consumers of their own, so that preparing a large
     * catalog never holds a single job behind it.
     */
    public static final String REQUESTS_BULK = "pipeline.requests.bulk";

    /** {@link PromptPrepared} for interactive jobs, read by generation-worker. */
    public static final String PROMPTS_INTERACTIVE = "pipeline.prompts.interactive";

    /** {@link PromptPrepared} for bulk jobs, read by generation-worker after the interactive lane. */
    public static final String PROMPTS_BULK = "pipeline.prompts.bulk";

    /** The completion topic: every {@link JobEvent} of every job, read by result-notifier and event consumers. */
    public static final String JOB_EVENTS = "pipeline.job-events";

    /**
     * {@link ProviderCallback}s from webhook-receiver, read by generation-worker: a verified provider callback, whose
     * images are yet to be copied.
     */
    public static final String PROVIDER_CALLBACKS = "pipeline.provider-callbacks";

    /**
     * {@link CancelRequested} from result-notifier, read by every prompt-worker and generation-worker instance (a group
     * each, from the start of the retention) so that a canceled job is skipped wherever it waits.
     */
    public static final String CANCELLATIONS = "pipeline.cancellations";

    /**
     * {@link CatalogReceived} from ingest-api, keyed by the catalog id: the totals and rejected lines of each catalog
     * upload, read by result-notifier. A catalog's items travel as jobs on the other topics.
     */
    public static final String CATALOGS = "pipeline.catalogs";

    /** Suffix of the dead-letter topic the framework writes a failed record to. */
    public static final String DLT_SUFFIX = "-dlt";

    public static final List<String> ALL = List.of(REQUESTS, REQUESTS_BULK, PROMPTS_INTERACTIVE, PROMPTS_BULK,
            PROVIDER_CALLBACKS, CANCELLATIONS, JOB_EVENTS, CATALOGS);

    /** The topics a worker group consumes once; each has a {@code -dlt} twin for the records it gives up on. */
    public static final List<String> WORK = List.of(REQUESTS, REQUESTS_BULK, PROMPTS_INTERACTIVE, PROMPTS_BULK,
            PROVIDER_CALLBACKS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }

    public static String requests(Lane lane) {
        return switch (lane) {
            case INTERACTIVE -> REQUESTS;
            case BULK -> REQUESTS_BULK;
        };
    }

    public static String prompts(Lane lane) {
        return switch (lane) {
            case INTERACTIVE -> PROMPTS_INTERACTIVE;
            case BULK -> PROMPTS_BULK;
        };
    }
}
