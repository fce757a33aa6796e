package dev.imagepipeline.generation.provider.relay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.imagepipeline.contracts.JobId;

/**
 * The jobs this worker has run itself at Hugging Face or Stability, recently. Such a job gets its outcome from that
 * run, so a relay's result for it is ignored here rather than published as a second, different ending. In memory
 * only: another worker instance does not know them, and there the job view keeps the first ending.
 */
public final class SynchronousRuns {

    /** Like the jobs {@code Completion} remembers as finished: far more than run at once. */
    static final int REMEMBERED = 10_000;

    private final Set<JobId> jobs = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {

        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));

    /** Called as a provider starts generating the job's images. */
    public void started(JobId job) {
        jobs.add(job);
    }

    /** Whether a provider started generating the job here, recently. */
    public boolean ran(JobId job) {
        return jobs.contains(job);
    }
}
